using Fontana.Core;
using Fontana.Core.Merkle;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.State;

/// <summary>
/// The UTXO state tree as of the last sealed block: a sparse Merkle tree (key = SHA-256 of the outpoint, value =
/// SHA-256 of the output) over an in-memory node store. Updated only when a block is sealed (by the writer);
/// proofs are served concurrently under a read lock. Each update yields the node rows to persist in the seal commit
/// (new nodes put, stale nodes deleted) so the store always holds exactly the latest sealed tree.
/// </summary>
internal sealed class StateTree : IDisposable
{
    private readonly LedgerSmtNodeStore _nodes;
    private readonly SparseMerkleTree _tree;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    public StateTree(LedgerSmtNodeStore nodes, Hash32 root)
    {
        _nodes = nodes;
        _tree = new SparseMerkleTree(nodes, root);
    }

    public Hash32 Root
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _tree.Root;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public int NodeCount => _nodes.Count;

    /// <summary>Applies a batch of changes; returns the new root and the node rows to write (puts, then deletes).</summary>
    public (Hash32 Root, List<SmtNodeRow> Rows, long Hashes) Apply(IReadOnlyList<(Hash32 Key, Hash32? Value)> changes)
    {
        _lock.EnterWriteLock();
        try
        {
            var result = _tree.Update(changes);
            var rows = new List<SmtNodeRow>(result.NewNodes.Count + result.StaleNodes.Count);
            HashSet<Hash32>? created = null;
            if (result.StaleNodes.Count > 0)
            {
                created = new HashSet<Hash32>(result.NewNodes.Count);
                foreach (var node in result.NewNodes)
                {
                    created.Add(node.Key);
                }
            }

            foreach (var stale in result.StaleNodes)
            {
                if (!created!.Contains(stale))
                {
                    _nodes.Remove(stale);
                    rows.Add(new SmtNodeRow(stale.ToArray(), null));
                }
            }

            foreach (var node in result.NewNodes)
            {
                rows.Add(new SmtNodeRow(node.Key.ToArray(), node.Value.Encode()));
            }

            return (result.Root, rows, result.HashCount);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>A proof for <paramref name="key"/> and the root it is against.</summary>
    public (SmtProof Proof, Hash32 Root) Prove(Hash32 key)
    {
        _lock.EnterReadLock();
        try
        {
            return (_tree.Prove(key), _tree.Root);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Root of a fresh tree over <paramref name="entries"/> (and its nodes), e.g. for genesis or a consistency check.</summary>
    public static (Hash32 Root, LedgerSmtNodeStore Nodes, IReadOnlyList<KeyValuePair<Hash32, SmtNode>> NewNodes) Build(
        IReadOnlyList<(Hash32 Key, Hash32? Value)> entries)
    {
        var nodes = new LedgerSmtNodeStore(entries.Count * 3);
        var tree = new SparseMerkleTree(nodes);
        var result = tree.Update(entries);
        return (result.Root, nodes, result.NewNodes);
    }

    public void Dispose() => _lock.Dispose();
}
