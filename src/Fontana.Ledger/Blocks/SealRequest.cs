using Fontana.Core.Blocks;
using Fontana.Ledger.Pipeline;
using Fontana.Ledger.State;

namespace Fontana.Ledger.Blocks;

/// <summary>
/// A block to seal, handed from the writer to the sequencer: the pending block taken at the seal point, the
/// timestamp read then, and for a replay the block's own header and the job holding its transactions.
/// </summary>
internal sealed class SealRequest(PendingBlock block, ulong timestamp, BlockHeader? given, string? daReference, CommitJob? job)
{
    public PendingBlock Block { get; } = block;

    public ulong Timestamp { get; } = timestamp;

    public BlockHeader? Given { get; } = given;

    public string? DaReference { get; } = daReference;

    /// <summary>The job to add the block to (replay: it holds the replayed transactions); null = a new job.</summary>
    public CommitJob? Job { get; } = job;

    public TaskCompletionSource<LedgerBlock> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the writer found the replayed block invalid: the sequencer fails it (and stops the ledger) in order.</summary>
    public Exception? Failure { get; init; }

    /// <summary>A marker with no block: completes when every earlier request is handed to the committer.</summary>
    public bool IsBarrier { get; init; }
}
