using System.Diagnostics;

namespace Fontana.Ledger.Pipeline;

/// <summary>Where the pipeline's time goes (stopwatch ticks summed per stage; batches and transactions counted). For the load tool and metrics.</summary>
internal sealed class PipelineStats
{
    private long _verifyTicks;
    private long _applyTicks;
    private long _sealTicks;
    private long _signTicks;
    private long _storeTicks;
    private long _batches;
    private long _transactions;
    private long _nodeRows;
    private long _seals;

    public void AddVerify(long ticks) => Interlocked.Add(ref _verifyTicks, ticks);

    public void AddApply(long ticks) => Interlocked.Add(ref _applyTicks, ticks);

    public void AddSeal(long ticks)
    {
        Interlocked.Add(ref _sealTicks, ticks);
        Interlocked.Increment(ref _seals);
    }

    public void AddNodeRows(int rows) => Interlocked.Add(ref _nodeRows, rows);

    public void AddCommit(long signTicks, long storeTicks, int transactions)
    {
        Interlocked.Add(ref _signTicks, signTicks);
        Interlocked.Add(ref _storeTicks, storeTicks);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _transactions, transactions);
    }

    public override string ToString()
    {
        static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        var batches = Math.Max(1, Volatile.Read(ref _batches));
        return $"verify {Ms(_verifyTicks):F0} ms (all workers; replay: each block's parallel preparation), apply {Ms(_applyTicks):F0} ms, {_seals} seals {Ms(_sealTicks):F0} ms, "
            + $"waiting for receipts {Ms(_signTicks):F0} ms, store commits {Ms(_storeTicks):F0} ms; "
            + $"{_batches} batches, {_transactions / (double)batches:F0} tx per batch, {_nodeRows} state-tree node rows checkpointed";
    }
}
