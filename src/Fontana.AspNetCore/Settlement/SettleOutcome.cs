using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Api;

namespace Fontana.AspNetCore.Settlement;

/// <summary>The result of settling a payment: the provisional receipt, or a stable reason code.</summary>
public sealed class SettleOutcome
{
    private SettleOutcome(ReceiptDto? receipt, string? errorReason, string? detail, bool isUnavailable, bool alreadySettled = false)
    {
        AlreadySettled = alreadySettled;
        Receipt = receipt;
        ErrorReason = errorReason;
        Detail = detail;
        IsUnavailable = isUnavailable;
    }

    /// <summary>True when the payment is durably committed; <see cref="Receipt"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Receipt))]
    [MemberNotNullWhen(false, nameof(ErrorReason))]
    public bool Success => Receipt is not null;

    /// <summary>The sequencer-signed provisional receipt.</summary>
    public ReceiptDto? Receipt { get; }

    /// <summary>
    /// Why settlement failed: a ledger rejection code (kebab-case, e.g. <c>input-spent</c>) or an
    /// <see cref="Core.X402.X402ErrorReasons"/> value (snake_case).
    /// </summary>
    public string? ErrorReason { get; }

    /// <summary>What exactly was wrong, for people.</summary>
    public string? Detail { get; }

    /// <summary>True when the ledger could not be reached or is not ready (the payment may be retried).</summary>
    public bool IsUnavailable { get; }

    /// <summary>
    /// True when the ledger had applied this transaction before this settlement (the receipt is the original one). A
    /// provider that has no record of the call then refuses to run it: it may have run already.
    /// </summary>
    public bool AlreadySettled { get; }

    /// <summary>A payment the ledger applied now, with its provisional receipt.</summary>
    public static SettleOutcome Settled(ReceiptDto receipt) => Settled(receipt, alreadySettled: false);

    /// <summary>A settled payment; <paramref name="alreadySettled"/> when the ledger had applied it before.</summary>
    public static SettleOutcome Settled(ReceiptDto receipt, bool alreadySettled)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new SettleOutcome(receipt, null, null, false, alreadySettled);
    }

    /// <summary>A payment refused for good (<paramref name="errorReason"/>: the ledger's code or an x402 reason).</summary>
    public static SettleOutcome Rejected(string errorReason, string? detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorReason);
        return new SettleOutcome(null, errorReason, detail, false);
    }

    /// <summary>The ledger could not be reached or answer: nothing was settled, the payer may try again.</summary>
    public static SettleOutcome Unavailable(string errorReason, string? detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorReason);
        return new SettleOutcome(null, errorReason, detail, true);
    }

    /// <summary><c>settled &lt;txid&gt;</c>, or the reason and detail.</summary>
    public override string ToString() => Success ? $"settled {Receipt.TxId}" : $"{ErrorReason}: {Detail}";
}
