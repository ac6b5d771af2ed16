using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;
using Fontana.Ledger.Pipeline;

namespace Fontana.Ledger.State;

/// <summary>
/// The writer's view of the ledger: every unspent output in memory, bridge bookkeeping, the sequence counter,
/// the pending block, and what is applied but not yet committed (for idempotent resubmission and
/// <c>input-spent</c> answers). Touched by the writer only.
/// </summary>
internal sealed class LedgerState
{
    public LedgerState(int utxoCapacity, long lastSeq, BlockHeader lastHeader, long nextBlockFirstSeq)
    {
        Utxos = new Dictionary<OutPoint, UnspentOutput>(utxoCapacity);
        LastSeq = lastSeq;
        SealedHeight = lastHeader.Height;
        LoadedHeader = lastHeader;
        Pending = new PendingBlock(nextBlockFirstSeq);
    }

    public Dictionary<OutPoint, UnspentOutput> Utxos { get; }

    /// <summary>L1 references of every deposit applied.</summary>
    public HashSet<string> DepositRefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every withdrawal: txid → confirmed.</summary>
    public Dictionary<Hash32, bool> Withdrawals { get; } = [];

    /// <summary>Every session ever opened (closed ones included), by id. Written by the writer only; read by queries
    /// from any thread (the states are immutable).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<Hash32, SessionState> Sessions { get; } = new();

    /// <summary>Sum of what open sessions still lock (deposit − claimed): <see cref="Supply"/> + this is conserved by every kind but deposits and withdrawals.</summary>
    public Amount Locked { get; set; }

    /// <summary>Records a session's new state and keeps <see cref="Locked"/> in step.</summary>
    public void SetSession(SessionState next, SessionState? previous)
    {
        Sessions[next.Id] = next;
        Locked = Locked - (previous?.Locked ?? Amount.Zero) + next.Locked;
    }

    /// <summary>Sum of all unspent outputs.</summary>
    public Amount Supply { get; set; }

    public long LastSeq { get; set; }

    /// <summary>Height of the last block the writer asked to seal (the sequencer may still be computing it).</summary>
    public ulong SealedHeight { get; set; }

    /// <summary>The latest stored header when the ledger was opened.</summary>
    public BlockHeader LoadedHeader { get; }

    /// <summary>What the next block will hold; swapped for a new one at each seal.</summary>
    public PendingBlock Pending { get; private set; }

    /// <summary>Hands the pending block over for sealing and starts the next one.</summary>
    public PendingBlock TakePending()
    {
        var pending = Pending;
        Pending = new PendingBlock(LastSeq + 1);
        SealedHeight++;
        return pending;
    }

    /// <summary>Applied transactions not yet known to be committed, by txid.</summary>
    public Dictionary<Hash32, PendingApply> InflightTx { get; } = [];

    /// <summary>Outputs spent by transactions not yet known to be committed → spender.</summary>
    public Dictionary<OutPoint, Hash32> InflightSpends { get; } = [];

    public void AddUtxo(OutPoint outPoint, TxOutput output, long createdSeq)
    {
        Utxos.Add(outPoint, new UnspentOutput(output, createdSeq));
        Supply += output.Amount;
    }

    /// <summary>Forgets in-flight entries of a committed job.</summary>
    public void Reclaim(CommitJob job)
    {
        foreach (var applied in job.Applied)
        {
            var tx = applied.Transaction!;
            if (InflightTx.TryGetValue(tx.TxId, out var current) && ReferenceEquals(current, applied))
            {
                InflightTx.Remove(tx.TxId);
            }

            foreach (var input in tx.Inputs)
            {
                InflightSpends.Remove(input);
            }
        }
    }
}
