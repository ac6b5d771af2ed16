using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Ledger.State;

/// <summary>
/// The UTXO state tree as of the last sealed block: a sparse Merkle tree (key = SHA-256 of the outpoint, value =
/// SHA-256 of the output) over an in-memory node store. Updated only when a block is sealed (by the writer);
/// proofs are served concurrently under a read lock. Each update yields the node rows to persist in the seal commit
/// (new nodes put, stale nodes deleted) so the store always holds exactly the latest sealed tree.
/// </summary>
internal sealed class StateTree : IDisposable
{
    /// <summary>Node changes from which the shards are updated on their own threads.</summary>
    private const int ParallelThreshold = 4096;

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

    /// <summary>
    /// Applies a batch of changes and records what it did in <paramref name="tracker"/>; returns the new root and the
    /// number of hashes computed. The tree's update runs the root's two halves on two threads (large batches), and
    /// the node store and the tracker are then brought up to date one shard per thread.
    /// </summary>
    public (Hash32 Root, long Hashes) Apply(IReadOnlyList<(Hash32 Key, Hash32? Value)> changes, StateCheckpointTracker tracker)
    {
        _lock.EnterWriteLock();
        try
        {
            _nodes.BeginUpdate();
            SmtUpdateResult result;
            try
            {
                result = _tree.Update(changes);
            }
            finally
            {
                _nodes.TakeDeferred();
            }

            var stale = result.StaleNodes;
            var created = result.NewNodes;
            void Shard(int shard)
            {
                _nodes.Replace(shard, stale, created);
                tracker.Record(shard, stale, created);
            }

            if (stale.Count + created.Count < ParallelThreshold)
            {
                for (var shard = 0; shard < LedgerSmtNodeStore.ShardCount; shard++)
                {
                    Shard(shard);
                }
            }
            else
            {
                Parallel.For(0, LedgerSmtNodeStore.ShardCount, Shard);
            }

            return (result.Root, result.HashCount);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The 65-byte encoding of a node in memory. Writer (sequencer) thread only.</summary>
    public byte[] Encode(Hash32 hash) =>
        _nodes.TryGet(hash, out var node) ? node.Encode() : throw new InvalidOperationException($"state-tree node {hash} is not in memory");

    /// <summary>True when the tree (as of the last update) holds node <paramref name="hash"/>. Writer thread only.</summary>
    public bool Contains(Hash32 hash) => _nodes.TryGet(hash, out _);

    /// <summary>
    /// Drops every node not reachable from the root (left by a crash between a node write and its block's commit,
    /// or before stale nodes were deleted); returns their hashes so the store can drop them too.
    /// </summary>
    public List<Hash32> CollectGarbage()
    {
        _lock.EnterWriteLock();
        try
        {
            var reachable = new HashSet<Hash32>(_nodes.Count);
            var stack = new Stack<Hash32>();
            if (!_tree.Root.IsZero)
            {
                stack.Push(_tree.Root);
            }

            while (stack.Count > 0)
            {
                var hash = stack.Pop();
                if (!reachable.Add(hash) || !_nodes.TryGet(hash, out var node) || node.IsLeaf)
                {
                    continue;
                }

                if (!node.Left.IsZero)
                {
                    stack.Push(node.Left);
                }

                if (!node.Right.IsZero)
                {
                    stack.Push(node.Right);
                }
            }

            var garbage = new List<Hash32>();
            foreach (var hash in _nodes.Hashes)
            {
                if (!reachable.Contains(hash))
                {
                    garbage.Add(hash);
                }
            }

            foreach (var hash in garbage)
            {
                _nodes.Remove(hash);
            }

            return garbage;
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
