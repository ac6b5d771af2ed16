using System.Collections.Concurrent;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.State;

/// <summary>
/// Committed unspent outputs by owner, with running balances: answers "UTXOs of an address" and "balance" without
/// a database index. Loaded at open; the committer applies each batch after its commit and before releasing its
/// receipts, so a client sees its own payment once it holds the receipt. Readers on any thread.
/// </summary>
internal sealed class AddressIndex
{
    private readonly ConcurrentDictionary<PublicKey, Owner> _owners = new();

    public void Add(OutPoint outPoint, PublicKey owner, Amount amount, long createdSeq)
    {
        var entry = _owners.GetOrAdd(owner, static _ => new Owner());
        lock (entry)
        {
            entry.Outputs[outPoint] = (createdSeq, amount);
            entry.Balance += amount;
        }

    }

    /// <summary>Removes <paramref name="owner"/>'s output <paramref name="outPoint"/> (a spend names the owner: the writer
    /// knows it, so no map from outpoint to owner is kept — it cost a concurrent-dictionary entry per unspent output).</summary>
    public void Remove(OutPoint outPoint, PublicKey owner)
    {
        if (!_owners.TryGetValue(owner, out var entry))
        {
            return;
        }

        lock (entry)
        {
            if (entry.Outputs.Remove(outPoint, out var output))
            {
                entry.Balance -= output.Amount;
            }
        }
    }

    /// <summary>Applies a committed batch: new unspent outputs in, spent ones out.</summary>
    public void Apply(StoreBatch batch)
    {
        foreach (var utxo in batch.NewUtxos)
        {
            if (utxo.SpentBy is null)
            {
                Add(utxo.OutPoint, utxo.Owner, utxo.Amount, utxo.CreatedSeq);
            }
        }

        foreach (var spend in batch.Spends)
        {
            Remove(spend.OutPoint, spend.Owner);
        }
    }

    public Amount Balance(PublicKey owner)
    {
        if (!_owners.TryGetValue(owner, out var entry))
        {
            return Amount.Zero;
        }

        lock (entry)
        {
            return entry.Balance;
        }
    }

    /// <summary>The owner's unspent outputs, oldest first (creation sequence, then outpoint), at most <paramref name="limit"/>.</summary>
    public List<(OutPoint OutPoint, Amount Amount)> Unspent(PublicKey owner, int limit)
    {
        if (!_owners.TryGetValue(owner, out var entry))
        {
            return [];
        }

        KeyValuePair<OutPoint, (long Seq, Amount Amount)>[] snapshot;
        lock (entry)
        {
            snapshot = [.. entry.Outputs];
        }

        Array.Sort(snapshot, static (a, b) => a.Value.Seq != b.Value.Seq ? a.Value.Seq.CompareTo(b.Value.Seq) : a.Key.CompareTo(b.Key));
        var count = Math.Min(limit, snapshot.Length);
        var list = new List<(OutPoint, Amount)>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add((snapshot[i].Key, snapshot[i].Value.Amount));
        }

        return list;
    }

    private sealed class Owner
    {
        public Dictionary<OutPoint, (long Seq, Amount Amount)> Outputs { get; } = [];

        public Amount Balance { get; set; }
    }
}
