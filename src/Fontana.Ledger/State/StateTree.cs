using Fontana.Core;
using Fontana.Core.Merkle;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.State;

/// <summary>
/// The UTXO state tree as of the last sealed block: a sparse Merkle tree (key = SHA-256 of the outpoint, value =
/// SHA-256 of the output; the shape and hashes of <see cref="SparseMerkleTree"/>) held as node objects
/// (<see cref="StateTreeNode"/>). Updated only when a block is sealed (by the sequencer); proofs are served
/// concurrently under a read lock. It also knows how far it is from the stored tree (the last checkpoint): nodes
/// not yet stored, and stored nodes it no longer holds, which <see cref="TakeCheckpointRows"/> turns into rows.
/// </summary>
internal sealed class StateTree : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Hashes of stored nodes that the tree no longer holds (changed or dropped) since the last checkpoint.</summary>
    private readonly HashSet<Hash32> _unstored = [];
    private StateTreeNode? _root;
    private int _nodeCount;

    /// <summary>A tree whose nodes all come from the store (<see cref="StateTreeLoad"/>); an empty one for null.</summary>
    public StateTree(StateTreeNode? root, int nodeCount)
    {
        _root = root;
        _nodeCount = nodeCount;
    }

    public Hash32 Root
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return StateTreeNode.HashOf(_root);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Nodes in the tree (as of the last update).</summary>
    public int NodeCount => Volatile.Read(ref _nodeCount);

    /// <summary>
    /// Applies a batch of changes (key, value or null to delete; the last entry for a key wins); returns the new root
    /// and the number of hashes computed. Large batches update the root's two halves on two threads.
    /// </summary>
    public (Hash32 Root, long Hashes) Apply(IReadOnlyList<(Hash32 Key, Hash32? Value)> changes)
    {
        _lock.EnterWriteLock();
        try
        {
            var (root, update) = StateTreeUpdater.Apply(_root, changes);
            _root = root;
            _nodeCount += update.NodeDelta;
            foreach (var hash in update.Unstored)
            {
                _unstored.Add(hash);
            }

            return (StateTreeNode.HashOf(root), update.HashCount);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The rows that move the stored tree to this one — deletes of the stored nodes no longer held, puts of the nodes
    /// not yet stored (each node once; a hash both dropped and held again stays as it is) — and from now on counts
    /// those as stored. Sequencer thread only.
    /// </summary>
    public List<SmtNodeRow> TakeCheckpointRows()
    {
        _lock.EnterWriteLock();
        try
        {
            var puts = new List<SmtNodeRow>();
            var stack = new Stack<StateTreeNode>();
            if (_root is { Stored: false })
            {
                stack.Push(_root);
            }

            while (stack.Count > 0)
            {
                var node = stack.Pop();
                node.Stored = true;
                _unstored.Remove(node.Hash);
                puts.Add(new SmtNodeRow(node.Hash.ToArray(), node.ToSmtNode().Encode()));
                if (node is StateTreeInterior interior)
                {
                    if (interior.Left is { Stored: false } left)
                    {
                        stack.Push(left);
                    }

                    if (interior.Right is { Stored: false } right)
                    {
                        stack.Push(right);
                    }
                }
            }

            var rows = new List<SmtNodeRow>(_unstored.Count + puts.Count);
            foreach (var hash in _unstored)
            {
                rows.Add(new SmtNodeRow(hash.ToArray(), null));
            }

            rows.AddRange(puts);
            _unstored.Clear();
            return rows;
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
            // The path's nodes, handed to the reference tree, which builds the proof exactly as it would over a full store.
            var path = new List<KeyValuePair<Hash32, SmtNode>>();
            var node = _root;
            for (var depth = 0; node is not null; depth++)
            {
                path.Add(new KeyValuePair<Hash32, SmtNode>(node.Hash, node.ToSmtNode()));
                if (node is not StateTreeInterior interior)
                {
                    break;
                }

                node = key.GetBit(depth) == 0 ? interior.Left : interior.Right;
            }

            var nodes = new InMemorySmtNodeStore(path.Count);
            nodes.PutNodes(path);
            var root = StateTreeNode.HashOf(_root);
            return (new SparseMerkleTree(nodes, root).Prove(key), root);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Root of a fresh tree over <paramref name="entries"/> and the rows that store it (genesis).</summary>
    public static (Hash32 Root, List<SmtNodeRow> Rows) Build(IReadOnlyList<(Hash32 Key, Hash32? Value)> entries)
    {
        using var tree = new StateTree(null, 0);
        var (root, _) = tree.Apply(entries);
        return (root, tree.TakeCheckpointRows());
    }

    public void Dispose() => _lock.Dispose();
}
