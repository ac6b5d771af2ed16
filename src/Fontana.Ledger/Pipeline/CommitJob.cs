using Fontana.Core;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// One group commit: the store rows, the applied transactions whose receipts are signed and released after the
/// commit, and what else completes with it (a sealed block, posted marks).
/// </summary>
internal sealed class CommitJob
{
    public StoreBatch Batch { get; } = new();

    /// <summary>Transactions applied in this batch, in sequence order.</summary>
    public List<PendingApply> Applied { get; } = [];

    /// <summary>Index in <see cref="StoreBatch.NewUtxos"/> of outputs created in this batch (so a spend within the batch marks the row).</summary>
    public Dictionary<OutPoint, int> CreatedHere { get; } = [];

    /// <summary>The block this job stores, raised as <see cref="ILedger.BlockSealed"/> after the commit.</summary>
    public LedgerBlock? Block { get; set; }

    /// <summary>Receipts' acceptance time for replayed blocks (the block timestamp); null = the commit time.</summary>
    public ulong? FixedAcceptedAt { get; set; }

    /// <summary>Run after a successful commit (completing seal/replay/posted commands).</summary>
    public List<Action> OnCommitted { get; } = [];

    /// <summary>Run when the commit fails or the ledger is faulted.</summary>
    public List<Action<Exception>> OnFailed { get; } = [];

    /// <summary>Receipt signing for this job, started when the writer hands it over (so it overlaps the previous commit).</summary>
    public Task? Prepared { get; set; }

    /// <summary>Set on a job that must not commit: the committer stops the ledger with it (fail-stop) and fails the job.</summary>
    public Exception? StopWith { get; set; }

    public bool IsEmpty => Applied.Count == 0 && Batch.IsEmpty && OnCommitted.Count == 0;
}
