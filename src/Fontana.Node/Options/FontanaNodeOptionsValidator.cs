using Microsoft.Extensions.Options;

namespace Fontana.Node.Options;

/// <summary>Start-up validation of <see cref="FontanaNodeOptions"/>; every failure names its configuration key.</summary>
internal sealed class FontanaNodeOptionsValidator : IValidateOptions<FontanaNodeOptions>
{
    private const string S = FontanaNodeOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, FontanaNodeOptions options)
    {
        var errors = new List<string>();
        Check(errors, options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static IReadOnlyList<string> Errors(FontanaNodeOptions options)
    {
        var errors = new List<string>();
        Check(errors, options);
        return errors;
    }

    private static void Check(List<string> errors, FontanaNodeOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.DataDir))
        {
            errors.Add($"{S}:DataDir must be a directory path");
        }

        if (o.BlockInterval is { } interval && (interval < TimeSpan.FromMilliseconds(50) || interval > TimeSpan.FromHours(1)))
        {
            errors.Add($"{S}:BlockInterval must be between 00:00:00.050 and 01:00:00 (got {interval})");
        }

        CheckStore(errors, o.Store);
        CheckApi(errors, o.Api);
        CheckBridge(errors, o.Bridge);
        CheckDaPoster(errors, o.DaPoster);
        CheckStream(errors, o.Stream);
        CheckFollower(errors, o.Follower);
    }

    private static void CheckFollower(List<string> errors, FollowerOptions follower)
    {
        if (!follower.IsEnabled)
        {
            return;
        }

        if (!Uri.TryCreate(follower.SequencerUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{S}:Follower:SequencerUrl must be an absolute http(s) URL (got '{follower.SequencerUrl}')");
        }

        if (follower.PollInterval < TimeSpan.FromMilliseconds(10) || follower.PollInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{S}:Follower:PollInterval must be between 00:00:00.010 and 00:10:00 (got {follower.PollInterval})");
        }

        if (follower.RequestTimeout < TimeSpan.FromMilliseconds(100) || follower.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{S}:Follower:RequestTimeout must be between 00:00:00.100 and 00:10:00 (got {follower.RequestTimeout})");
        }

        if (follower.GenesisHash is { Length: > 0 } hash && !Fontana.Core.Hash32.TryParse(hash, out _))
        {
            errors.Add($"{S}:Follower:GenesisHash must be 64 hex characters (got '{hash}')");
        }

        if (follower.DaStartHeight == 0)
        {
            errors.Add($"{S}:Follower:DaStartHeight must be at least 1");
        }
    }

    private static void CheckStore(List<string> errors, StoreOptions store)
    {
        var provider = store.Provider?.ToLowerInvariant();
        if (provider is not (StoreOptions.SqliteProvider or StoreOptions.PostgresProvider))
        {
            errors.Add($"{S}:Store:Provider must be 'sqlite' or 'postgres' (got '{store.Provider}')");
        }
        else if (provider == StoreOptions.PostgresProvider && string.IsNullOrWhiteSpace(store.PostgresConnectionString))
        {
            errors.Add($"{S}:Store:PostgresConnectionString is required when {S}:Store:Provider is 'postgres'");
        }
    }

    private static void CheckApi(List<string> errors, ApiOptions api)
    {
        if (api.MaxRequestBodyBytes is < 1024 or > 64L * 1024 * 1024)
        {
            errors.Add($"{S}:Api:MaxRequestBodyBytes must be between 1024 and 67108864 (got {api.MaxRequestBodyBytes})");
        }

        if (api.MaxTransactionBodyBytes < 256 || api.MaxTransactionBodyBytes > api.MaxRequestBodyBytes)
        {
            errors.Add($"{S}:Api:MaxTransactionBodyBytes must be between 256 and {S}:Api:MaxRequestBodyBytes (got {api.MaxTransactionBodyBytes})");
        }

        if (api.MaxUtxosPerResponse is < 1 or > 100_000)
        {
            errors.Add($"{S}:Api:MaxUtxosPerResponse must be between 1 and 100000 (got {api.MaxUtxosPerResponse})");
        }
    }

    private static void CheckBridge(List<string> errors, BridgeOptions bridge)
    {
        if (!string.IsNullOrEmpty(bridge.ApiKey) && bridge.ApiKey.Length < BridgeOptions.MinimumKeyLength)
        {
            errors.Add($"{S}:Bridge:ApiKey must be at least {BridgeOptions.MinimumKeyLength} characters (or empty to disable the bridge endpoints)");
        }

        if (string.IsNullOrWhiteSpace(bridge.HeaderName) || bridge.HeaderName.Any(c => c <= ' ' || c == ':' || c > '~'))
        {
            errors.Add($"{S}:Bridge:HeaderName must be an HTTP header name (got '{bridge.HeaderName}')");
        }

        BridgeL1Options.Check(errors, bridge.L1, $"{S}:Bridge:L1");
    }

    private static void CheckDaPoster(List<string> errors, DaPosterOptions p)
    {
        if (p.PollInterval < TimeSpan.FromMilliseconds(10) || p.PollInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{S}:DaPoster:PollInterval must be between 00:00:00.010 and 00:10:00 (got {p.PollInterval})");
        }

        if (p.MaxBackoff < TimeSpan.FromMilliseconds(1) || p.MaxBackoff > TimeSpan.FromHours(1))
        {
            errors.Add($"{S}:DaPoster:MaxBackoff must be between 00:00:00.001 and 01:00:00 (got {p.MaxBackoff})");
        }

        if (p.ReadyBacklogThreshold < 1)
        {
            errors.Add($"{S}:DaPoster:ReadyBacklogThreshold must be at least 1 (got {p.ReadyBacklogThreshold})");
        }
    }

    private static void CheckStream(List<string> errors, StreamOptions s)
    {
        if (s.ConnectionBufferCapacity is < 1 or > 65_536)
        {
            errors.Add($"{S}:Stream:ConnectionBufferCapacity must be between 1 and 65536 (got {s.ConnectionBufferCapacity})");
        }

        if (s.MaxSubscriptionsPerConnection is < 1 or > 65_536)
        {
            errors.Add($"{S}:Stream:MaxSubscriptionsPerConnection must be between 1 and 65536 (got {s.MaxSubscriptionsPerConnection})");
        }

        if (s.MaxClientMessageBytes is < 256 or > 1024 * 1024)
        {
            errors.Add($"{S}:Stream:MaxClientMessageBytes must be between 256 and 1048576 (got {s.MaxClientMessageBytes})");
        }

        if (s.MaxConnections is < 1 or > 1_000_000)
        {
            errors.Add($"{S}:Stream:MaxConnections must be between 1 and 1000000 (got {s.MaxConnections})");
        }
    }
}
