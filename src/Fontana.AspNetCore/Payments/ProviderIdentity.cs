using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.X402;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Payments;

/// <summary>
/// The provider's validated, decoded settings, built once at start-up so the request path never parses keys,
/// addresses or URLs: challenge key, receiving address, chain, network, challenge lifetime, ledger URL.
/// </summary>
internal sealed class ProviderIdentity : IDisposable
{
    private readonly bool _ownsKey;

    public ProviderIdentity(IOptions<FontanaProviderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _ownsKey = o.ChallengeKey is null;
        ChallengeKey = ChallengeKeyLoader.Load(o);
        ChallengeMac = FontanaChallengeMac.FromChallengeKey(ChallengeKey);
        PayTo = Address.Parse(o.PayTo);
        PayToText = PayTo.ToString();
        ChainId = o.ChainId;
        Network = FontanaExact.FormatNetwork(o.ChainId);
        Lifetime = o.ChallengeLifetime;
        MaxTimeoutSeconds = (int)Math.Ceiling(o.ChallengeLifetime.TotalSeconds);
        LedgerUrl = string.IsNullOrWhiteSpace(o.LedgerUrl) ? (string.IsNullOrWhiteSpace(o.NodeUrl) ? null : o.NodeUrl.TrimEnd('/')) : o.LedgerUrl.TrimEnd('/');
    }

    public PrivateKey ChallengeKey { get; }

    public PublicKey ProviderKey => ChallengeKey.PublicKey;

    /// <summary>MACs this provider's challenges so that it recognises them with an HMAC (docs/x402.md).</summary>
    public FontanaChallengeMac ChallengeMac { get; }

    public Address PayTo { get; }

    public string PayToText { get; }

    public string ChainId { get; }

    public string Network { get; }

    public TimeSpan Lifetime { get; }

    public int MaxTimeoutSeconds { get; }

    /// <summary>The configured ledger URL, or null to use the request's origin.</summary>
    public string? LedgerUrl { get; }

    public void Dispose()
    {
        if (_ownsKey)
        {
            ChallengeKey.Dispose();
        }
    }
}
