using Fontana.Core;
using Fontana.Core.Receipts;
using Fontana.Core.Transactions;

namespace Fontana.Ledger.Pipeline;

/// <summary>One submitted transaction on its way through verify → apply → commit.</summary>
internal sealed class PendingApply : WriterCommand
{
    public PendingApply(Transaction? transaction, ReadOnlyMemory<byte> bytes)
    {
        Transaction = transaction;
        Bytes = bytes;
    }

    /// <summary>Decoded by the verifier when submitted as bytes.</summary>
    public Transaction? Transaction { get; set; }

    /// <summary>Canonical encoding (as submitted, or encoded by the verifier).</summary>
    public ReadOnlyMemory<byte> Bytes { get; set; }

    /// <summary>
    /// Set by the verifier when the transaction's expiry has passed but every other stateless rule holds: the writer
    /// answers with the earlier receipt when this exact transaction was applied, and rejects it as <c>expired</c> otherwise.
    /// </summary>
    public string? ExpiredDetail { get; set; }

    public TaskCompletionSource<ApplyResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sequence number, assigned by the writer when applied.</summary>
    public long Seq { get; set; }

    /// <summary>The signed receipt, set by the committer just before the commit.</summary>
    public ProvisionalReceipt? Receipt { get; set; }

    public Hash32 TxId => Transaction?.TxId ?? Hash32.Zero;

    public override void Fail(Exception reason) =>
        Completion.TrySetResult(ApplyResult.Unavailable(TxId, "the ledger is unavailable: " + reason.Message));
}
