namespace Fontana.Core.Errors;

public static partial class ErrorCodes
{
    // Payment sessions at the provider (x402 errorReason of a refused fontana-session voucher; docs/x402.md). The ledger's
    // own session rules (session-not-found, session-closed, session-expired, bad-voucher-signature,
    // voucher-exceeds-deposit, …) are in ErrorCodes.Transactions and answer the same way at the provider.

    /// <summary>The session pays another provider (its payee is not this provider's key).</summary>
    public const string WrongPayee = "wrong-payee";

    /// <summary>The session's deposit is below the provider's minimum.</summary>
    public const string DepositTooSmall = "deposit-too-small";

    /// <summary>The voucher's counter was already used (or is older than the replay window).</summary>
    public const string VoucherReplayed = "voucher-replayed";

    /// <summary>The voucher's cumulative amount does not rise with its counter.</summary>
    public const string VoucherInconsistent = "voucher-inconsistent";

    /// <summary>The vouchers do not authorize enough for this call on top of what is charged and held.</summary>
    public const string VoucherInsufficient = "voucher-insufficient";

    /// <summary>A MAC-only voucher whose MAC is not the session's (forged, another session's or another payee's key).</summary>
    public const string BadVoucherMac = "bad-voucher-mac";

    /// <summary>A MAC-only voucher beyond the provider's MAC credit above the newest signed voucher: send it signed.</summary>
    public const string VoucherSignatureRequired = "voucher-signature-required";

    /// <summary>A payment scheme the provider does not offer (e.g. fontana-session where sessions are off).</summary>
    public const string SchemeNotOffered = "scheme-not-offered";
}
