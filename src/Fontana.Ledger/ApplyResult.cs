using System.Diagnostics.CodeAnalysis;
using Fontana.Core;
using Fontana.Core.Receipts;
using Fontana.Core.Validation;

namespace Fontana.Ledger;

/// <summary>
/// The outcome of <c>ILedger.ApplyAsync</c>: a
/// provisional receipt (the transaction is durably committed), or a stable kebab-case code with a detail.
/// </summary>
public sealed class ApplyResult
{
    private ApplyResult(Hash32 txId, ProvisionalReceipt? receipt, bool alreadyApplied, string? code, string? detail)
    {
        TxId = txId;
        Receipt = receipt;
        AlreadyApplied = alreadyApplied;
        Code = code;
        Detail = detail;
    }

    /// <summary>True when the transaction is committed (now or earlier): <see cref="Receipt"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Receipt))]
    [MemberNotNullWhen(false, nameof(Code))]
    public bool IsAccepted => Receipt is not null;

    /// <summary>The txid; <see cref="Hash32.Zero"/> when the bytes could not be decoded.</summary>
    public Hash32 TxId { get; }

    /// <summary>The sequencer-signed receipt, released only after the commit.</summary>
    public ProvisionalReceipt? Receipt { get; }

    /// <summary>True when this exact transaction had been applied before: the receipt is the original one.</summary>
    public bool AlreadyApplied { get; }

    /// <summary>
    /// Why it was not accepted: a <see cref="RejectionCode"/> value (e.g. <c>input-spent</c>) or
    /// <see cref="LedgerErrorCodes.LedgerUnavailable"/>. Null when accepted.
    /// </summary>
    public string? Code { get; }

    /// <summary>What exactly was wrong, for people (not stable; match on <see cref="Code"/>).</summary>
    public string? Detail { get; }

    /// <summary>True when the ledger could not process the transaction at all (fail-stop or shut down): retry elsewhere or later.</summary>
    public bool IsUnavailable => Code == LedgerErrorCodes.LedgerUnavailable;

    /// <summary>An accepted result carrying <paramref name="receipt"/>; <paramref name="alreadyApplied"/> when it is the original receipt of a resubmission.</summary>
    public static ApplyResult Accepted(ProvisionalReceipt receipt, bool alreadyApplied = false)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new ApplyResult(receipt.TxId, receipt, alreadyApplied, null, null);
    }

    /// <summary>A rejection of <paramref name="txId"/> with a <see cref="RejectionCode"/> and a detail for people.</summary>
    public static ApplyResult Rejected(Hash32 txId, RejectionCode code, string? detail) =>
        new(txId, null, false, code.Value, detail);

    /// <summary>A <c>ledger-unavailable</c> result: the ledger could not process <paramref name="txId"/> (fail-stop or shut down).</summary>
    public static ApplyResult Unavailable(Hash32 txId, string detail) =>
        new(txId, null, false, LedgerErrorCodes.LedgerUnavailable, detail);

    /// <summary>For logs: <c>accepted &lt;txid&gt; #&lt;sequence&gt;</c>, or the code and detail.</summary>
    public override string ToString() => IsAccepted
        ? $"accepted {TxId} #{Receipt.Sequence}{(AlreadyApplied ? " (already applied)" : string.Empty)}"
        : $"{Code}: {Detail}";
}
