namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The provider's <c>fontana-session</c> scheme (docs/x402.md), bound from <c>Fontana:Provider:Sessions</c> and
/// validated at start-up. Sessions are paid to the provider's challenge key (the payee), which also signs the claims.
/// </summary>
public sealed class FontanaSessionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Fontana:Provider:Sessions";

    /// <summary>Offer the session scheme in 402s and accept vouchers (default false).</summary>
    public bool Enabled { get; set; }

    /// <summary>SQLite file of the provider's session ledger (accepted vouchers and charges). Default
    /// <c>fontana-provider-sessions.db</c> in the working directory.</summary>
    public string StorePath { get; set; } = "fontana-provider-sessions.db";

    /// <summary>
    /// Fsync every commit of the session ledger (default false). Off, a commit is written to the SQLite WAL before the
    /// response leaves, which survives a process crash (SIGKILL) but not a power loss; on, it also survives a power
    /// loss at the cost of one fsync per group commit.
    /// </summary>
    public bool SynchronousFull { get; set; }

    /// <summary>Claim a session's charges at least this often (default 10 s).</summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Claim as soon as a session's unclaimed charges reach this many utia (default 1,000,000 = 1 TIA).</summary>
    public ulong ClaimThresholdUtia { get; set; } = 1_000_000;

    /// <summary>Smallest deposit the provider accepts a session with, in utia (default 0: any).</summary>
    public ulong MinDepositUtia { get; set; }

    /// <summary>Fee each claim pays, in utia; at least the chain's minimum fee (default 1,000).</summary>
    public ulong ClaimFeeUtia { get; set; } = 1_000;

    /// <summary>
    /// Credit, in utia, for vouchers authenticated by a MAC only (docs/x402.md, "MAC vouchers"): a MAC-only voucher is
    /// taken when its amount is at most the newest signed voucher's plus this; beyond it the payer must sign. It is
    /// what the provider risks per session if a payer stops signing (the ledger pays out against signed vouchers only).
    /// Advertised as <c>extra.macCredit</c>; 0 takes signed vouchers only. Default 1,000,000 (1 TIA, the default
    /// <see cref="ClaimThresholdUtia"/>): room for a few hundred calls in flight to arrive out of order at 1,000 utia.
    /// </summary>
    public ulong MacCreditUtia { get; set; } = 1_000_000;

    /// <summary>Refuse vouchers this close to the session's expiry, so the last claim lands before the payer can
    /// reclaim (default 60 s).</summary>
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromSeconds(60);
}
