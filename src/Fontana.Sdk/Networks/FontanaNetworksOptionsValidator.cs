using System.Globalization;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Microsoft.Extensions.Options;

namespace Fontana.Sdk.Networks;

/// <summary>Start-up validation of <see cref="FontanaNetworksOptions"/>: every message names its configuration key
/// (<c>Fontana:Networks:&lt;name&gt;:…</c>).</summary>
internal sealed class FontanaNetworksOptionsValidator : IValidateOptions<FontanaNetworksOptions>
{
    private const string Prefix = FontanaNetworksOptions.SectionName + ":Networks:";

    public ValidateOptionsResult Validate(string? name, FontanaNetworksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Networks is null || options.Networks.Count == 0)
        {
            errors.Add(Prefix + "<name> is required: at least one network, e.g. Fontana:Networks:devnet:ChainId and Fontana:Networks:devnet:Nodes:0:Url");
            return ValidateOptionsResult.Fail(errors);
        }

        var byChain = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, network) in options.Networks)
        {
            if (network is null)
            {
                errors.Add($"{Prefix}{label} is empty");
                continue;
            }

            ValidateNetwork(Prefix + label + ":", network, errors);
            if (ChainIdFormat.IsValid(network.ChainId) && !byChain.TryAdd(network.ChainId, label))
            {
                errors.Add($"{Prefix}{label}:ChainId \"{network.ChainId}\" is also the chain of network \"{byChain[network.ChainId]}\": one entry per network");
            }
        }

        if (options.Marketplace is { } market && (market.MaxDocumentBytes < 1 || market.MaxResources < 1 || market.PageSize < 1 || market.RequestTimeout <= TimeSpan.Zero))
        {
            errors.Add($"{FontanaNetworksOptions.SectionName}:Marketplace: MaxDocumentBytes, MaxResources and PageSize must be at least 1 and RequestTimeout positive");
        }

        if (options.DefaultNetwork is { } chosen && FindLabel(options, chosen) is null)
        {
            errors.Add($"{FontanaNetworksOptions.SectionName}:DefaultNetwork \"{chosen}\" names no network in {Prefix.TrimEnd(':')} (give a name or fontana:<chainId>)");
        }
        else if (options.DefaultNetwork is null && options.Networks.Count > 1)
        {
            errors.Add($"{FontanaNetworksOptions.SectionName}:DefaultNetwork is required with several networks ({string.Join(", ", options.Networks.Keys)})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The configuration name of the network <paramref name="nameOrId"/> (a name or <c>fontana:&lt;chainId&gt;</c>).</summary>
    internal static string? FindLabel(FontanaNetworksOptions options, string nameOrId)
    {
        foreach (var (label, network) in options.Networks)
        {
            if (string.Equals(label, nameOrId, StringComparison.OrdinalIgnoreCase) || (network is not null && network.NetworkId == nameOrId))
            {
                return label;
            }
        }

        return null;
    }

    private static void ValidateNetwork(string key, FontanaNetworkOptions network, List<string> errors)
    {
        if (!ChainIdFormat.IsValid(network.ChainId))
        {
            errors.Add($"{key}ChainId \"{network.ChainId}\" is invalid: 1 to 32 characters from [a-z0-9-], e.g. fontana-devnet");
        }

        if (network.Nodes is null || network.Nodes.Count == 0)
        {
            errors.Add($"{key}Nodes is required: at least one node, e.g. {key}Nodes:0:Url = http://127.0.0.1:5080/");
        }
        else
        {
            for (var i = 0; i < network.Nodes.Count; i++)
            {
                ValidateNode($"{key}Nodes:{i.ToString(CultureInfo.InvariantCulture)}:", network.Nodes[i], errors);
            }
        }

        if (network.SequencerPublicKey is { } sequencer && !PublicKey.TryParse(sequencer, out _))
        {
            errors.Add($"{key}SequencerPublicKey \"{sequencer}\" is not a public key: 64 hex characters, as in the genesis document's sequencerPublicKey");
        }

        if (!Enum.IsDefined(network.Transport))
        {
            errors.Add($"{key}Transport must be Http or WebSocket");
        }

        if (network.SigningKey is null && string.IsNullOrWhiteSpace(network.WalletPath))
        {
            errors.Add($"{key}WalletPath is required: the wallet key file paying on this network");
        }
        else if (network.SigningKey is null && !File.Exists(network.WalletPath))
        {
            errors.Add($"{key}WalletPath \"{network.WalletPath}\": no wallet file there (create one with `fontana init`)");
        }

        if (!Amount.TryParse(network.MaxPricePerCall, out var price, out var priceError))
        {
            errors.Add($"{key}MaxPricePerCall \"{network.MaxPricePerCall}\": {priceError}");
        }
        else if (price.IsZero)
        {
            errors.Add($"{key}MaxPricePerCall must be more than 0");
        }

        ValidateFailover(key + "Failover:", network.Failover, errors);
    }

    private static void ValidateNode(string key, FontanaNetworkNodeOptions? node, List<string> errors)
    {
        if (node is null || !Uri.TryCreate(node.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key}Url \"{node?.Url}\" must be an absolute http(s) URL, e.g. http://127.0.0.1:5080/");
        }

        if (node is not null && (!(node.Weight > 0) || double.IsInfinity(node.Weight)))
        {
            errors.Add($"{key}Weight {node.Weight.ToString(CultureInfo.InvariantCulture)} must be a positive number (default 1)");
        }
    }

    private static void ValidateFailover(string key, FailoverOptions? failover, List<string> errors)
    {
        if (failover is null)
        {
            return;
        }

        if (failover.MaxAttempts is < 1 or > 100)
        {
            errors.Add($"{key}MaxAttempts {failover.MaxAttempts} must be between 1 and 100");
        }

        if (failover.TopK < 1)
        {
            errors.Add($"{key}TopK {failover.TopK} must be at least 1");
        }

        if (failover.RetryDelay < TimeSpan.Zero || failover.MaxRetryDelay < failover.RetryDelay)
        {
            errors.Add($"{key}RetryDelay must not be negative nor more than MaxRetryDelay");
        }

        if (failover.AttemptTimeout < TimeSpan.FromMilliseconds(10) || failover.AttemptTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{key}AttemptTimeout {failover.AttemptTimeout} must be between 00:00:00.010 and 1.00:00:00");
        }

        // Polly's circuit breaker accepts 0.5 s to 1 day for both.
        if (failover.BreakDuration < TimeSpan.FromMilliseconds(500) || failover.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500)
            || failover.BreakDuration > TimeSpan.FromDays(1) || failover.BreakerSamplingDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{key}BreakDuration and BreakerSamplingDuration must be between 00:00:00.500 and 1.00:00:00");
        }

        if (failover.HealthHalfLife <= TimeSpan.Zero)
        {
            errors.Add($"{key}HealthHalfLife must be positive");
        }

        if (failover.HealthCheckInterval < TimeSpan.Zero)
        {
            errors.Add($"{key}HealthCheckInterval must not be negative (zero turns probes off)");
        }

        if (!(failover.BreakerFailureRatio > 0 && failover.BreakerFailureRatio <= 1))
        {
            errors.Add($"{key}BreakerFailureRatio must be more than 0 and at most 1");
        }

        if (failover.BreakerMinimumThroughput < 2)
        {
            errors.Add($"{key}BreakerMinimumThroughput must be at least 2");
        }
    }
}
