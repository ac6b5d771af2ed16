using Fontana.Core.Crypto;

namespace Fontana.AspNetCore;

/// <summary>
/// Provider settings for paid endpoints, bound from the <c>Fontana:Provider</c> configuration section
/// (environment: <c>FONTANA__PROVIDER__…</c>) and validated at start-up; errors name the key.
/// </summary>
public sealed class FontanaProviderOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Fontana:Provider";

    /// <summary>Required. The provider's receiving address (bech32m <c>fnt1…</c>): every payment pays it.</summary>
    public string PayTo { get; set; } = string.Empty;

    /// <summary>Required. The chain id payments must be on; the x402 network is <c>fontana:&lt;ChainId&gt;</c>.</summary>
    public string ChainId { get; set; } = string.Empty;

    /// <summary>
    /// The 32-byte Ed25519 seed (64 hex characters) the provider signs its challenges with. Give this,
    /// <see cref="ChallengeKeyFile"/> or <see cref="ChallengeKey"/>; with none, a random key is made at start-up
    /// (fine for one instance: outstanding challenges simply expire on restart; several instances behind one
    /// URL must share a key).
    /// </summary>
    public string? ChallengeKeySeed { get; set; }

    /// <summary>
    /// A file holding the challenge key: 64 hex characters of seed, or an unencrypted Fontana wallet file
    /// (<c>-----BEGIN FONTANA WALLET-----</c>). For an encrypted wallet, load it yourself and set <see cref="ChallengeKey"/>.
    /// </summary>
    public string? ChallengeKeyFile { get; set; }

    /// <summary>The challenge key itself (programmatic configuration; takes precedence over seed and file).</summary>
    public PrivateKey? ChallengeKey { get; set; }

    /// <summary>How long a 402 challenge stays payable (default 60 s, 1 s to 1 h); also x402 <c>maxTimeoutSeconds</c>.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where payments settle: <see cref="SettlementMode.InProcess"/> (default) or <see cref="SettlementMode.Remote"/>.</summary>
    public SettlementMode Settlement { get; set; } = SettlementMode.InProcess;

    /// <summary>Base URL of the Fontana node (e.g. <c>http://127.0.0.1:5080</c>); required for remote settlement.</summary>
    public string? NodeUrl { get; set; }

    /// <summary>
    /// The ledger URL written into challenges, where consumers find the node API. Default: <see cref="NodeUrl"/>
    /// when set, else the origin of the request (a provider hosted in the node's process).
    /// </summary>
    public string? LedgerUrl { get; set; }

    /// <summary>How many paid calls the in-memory store remembers for replays and reuse refusal (default 100,000); the oldest leave first.</summary>
    public int SettledPaymentCapacity { get; set; } = 100_000;

    /// <summary>Exactly once: where paid calls and their stored responses live (<c>Fontana:Provider:PaidCalls</c>).</summary>
    public Fontana.AspNetCore.PaidCalls.PaidCallOptions PaidCalls { get; set; } = new();

    /// <summary>Timeout of one remote settlement call (default 10 s).</summary>
    public TimeSpan RemoteSettlementTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
