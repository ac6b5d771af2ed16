using Fontana.Core;
using Fontana.Core.Blocks;
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
        Utxos = new Dictionary<OutPoint, TxOutput>(utxoCapacity);
        LastSeq = lastSeq;
        LastHeader = lastHeader;
        Pending = new PendingBlock(nextBlockFirstSeq);
    }

    public Dictionary<OutPoint, TxOutput> Utxos { get; }

    /// <summary>L1 references of every deposit applied.</summary>
    public HashSet<string> DepositRefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Every withdrawal: txid → confirmed.</summary>
    public Dictionary<Hash32, bool> Withdrawals { get; } = [];

    /// <summary>Sum of all unspent outputs.</summary>
    public Amount Supply { get; set; }

    public long LastSeq { get; set; }

    /// <summary>The last sealed header (possibly still being committed).</summary>
    public BlockHeader LastHeader { get; set; }

    public PendingBlock Pending { get; }

    /// <summary>Applied transactions not yet known to be committed, by txid.</summary>
    public Dictionary<Hash32, PendingApply> InflightTx { get; } = [];

    /// <summary>Outputs spent by transactions not yet known to be committed → spender.</summary>
    public Dictionary<OutPoint, Hash32> InflightSpends { get; } = [];

    public void AddUtxo(OutPoint outPoint, TxOutput output)
    {
        Utxos.Add(outPoint, output);
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
