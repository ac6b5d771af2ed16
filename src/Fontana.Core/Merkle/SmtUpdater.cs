using System.Buffers;

namespace Fontana.Core.Merkle;

/// <summary>
/// One batch update of the state tree. The batch is sorted by key, so the changes under any subtree are a
/// contiguous run and a subtree is visited once for the whole batch: the upper levels are hashed once per
/// batch, not once per key. Reads nodes only from the old tree; collects new nodes and writes them in one batch.
/// </summary>
internal sealed class SmtUpdater
{
    /// <summary>Distinct changes from which the root's two subtrees are updated on two threads.</summary>
    internal const int ParallelThreshold = 2048;

    private readonly ISmtNodeStore _store;
    private readonly List<KeyValuePair<Hash32, SmtNode>> _newNodes;
    private readonly List<Hash32> _staleNodes = [];
    private long _hashCount;

    private SmtUpdater(ISmtNodeStore store, int changeCount)
    {
        _store = store;
        _newNodes = new List<KeyValuePair<Hash32, SmtNode>>((2 * changeCount) + 8);
    }

    private enum Kind : byte
    {
        Empty,
        Leaf,
        Interior,

        /// <summary>An untouched child whose kind has not been looked up.</summary>
        Unknown,
    }

    public static SmtUpdateResult Apply(ISmtNodeStore store, Hash32 root, IReadOnlyList<(Hash32 Key, Hash32? Value)> changes)
    {
        if (changes.Count == 0)
        {
            return new SmtUpdateResult(root, 0, 0, [], []);
        }

        var buffer = ArrayPool<SmtChange>.Shared.Rent(changes.Count);
        try
        {
            var distinct = SmtChangeBatch.SortDistinct(changes, buffer);
            var updater = new SmtUpdater(store, distinct);
            var newRoot = updater.UpdateRoot(root, buffer, distinct).Hash;
            if (updater._newNodes.Count > 0)
            {
                store.PutNodes(updater._newNodes);
            }

            return new SmtUpdateResult(newRoot, distinct, updater._hashCount, updater._newNodes, updater._staleNodes);
        }
        finally
        {
            ArrayPool<SmtChange>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The root's update. A large batch under an interior root updates the root's two subtrees on two threads (they
    /// share no node, the store is only read until the end, and each half collects its own new and stale nodes), then
    /// joins them here; the result — root, nodes, their order, hash count — is the one the single-threaded walk gives.
    /// </summary>
    private Subtree UpdateRoot(Hash32 root, SmtChange[] buffer, int count)
    {
        var changes = buffer.AsSpan(0, count);
        if (count < ParallelThreshold || root.IsZero)
        {
            return UpdateSubtree(root, 0, changes);
        }

        var node = SparseMerkleTree.Load(_store, root);
        var split = SmtChangeBatch.SplitPoint(changes, 0);
        if (node.IsLeaf || split == 0 || split == count)
        {
            return UpdateSubtree(root, 0, changes);
        }

        var right = new SmtUpdater(_store, count - split);
        Subtree leftTree = default, rightTree = default;
        Parallel.Invoke(
            () => leftTree = UpdateSubtree(node.First, 1, buffer.AsSpan(0, split)),
            () => rightTree = right.UpdateSubtree(node.Second, 1, buffer.AsSpan(split, count - split)));
        _newNodes.AddRange(right._newNodes);
        _staleNodes.AddRange(right._staleNodes);
        _hashCount += right._hashCount;
        if (leftTree.Hash == node.First && rightTree.Hash == node.Second)
        {
            return new Subtree(root, Kind.Interior);
        }

        _staleNodes.Add(root);
        return Join(leftTree, rightTree);
    }

    /// <summary>New version of the subtree <paramref name="hash"/> at <paramref name="depth"/> with <paramref name="changes"/> applied.</summary>
    private Subtree UpdateSubtree(Hash32 hash, int depth, Span<SmtChange> changes)
    {
        if (hash.IsZero)
        {
            return Build(depth, changes, default, hasExisting: false);
        }

        var node = SparseMerkleTree.Load(_store, hash);
        if (node.IsLeaf)
        {
            return MergeIntoLeaf(hash, node, depth, changes);
        }

        var split = SmtChangeBatch.SplitPoint(changes, depth);
        var left = split == 0
            ? new Subtree(node.First, Kind.Unknown)
            : UpdateSubtree(node.First, depth + 1, changes[..split]);
        var right = split == changes.Length
            ? new Subtree(node.Second, Kind.Unknown)
            : UpdateSubtree(node.Second, depth + 1, changes[split..]);
        if (left.Hash == node.First && right.Hash == node.Second)
        {
            return new Subtree(hash, Kind.Interior);
        }

        _staleNodes.Add(hash);
        return Join(left, right);
    }

    /// <summary>A collapsed leaf met on the way down: its subtree becomes the leaf plus the changes.</summary>
    private Subtree MergeIntoLeaf(Hash32 hash, SmtNode leaf, int depth, Span<SmtChange> changes)
    {
        var existing = new ExistingLeaf(leaf.First, hash);
        var hasExisting = true;
        var index = SmtChangeBatch.IndexOf(changes, leaf.First);
        if (index >= 0)
        {
            ref var change = ref changes[index];
            if (change.IsSet && change.Value == leaf.Second)
            {
                change = change with { IsSet = false }; // same value: the existing leaf stands for this change
            }
            else
            {
                hasExisting = false;
                _staleNodes.Add(hash);
            }
        }

        return Build(depth, changes, existing, hasExisting);
    }

    /// <summary>
    /// The subtree at <paramref name="depth"/> holding the set changes of <paramref name="changes"/> and, when
    /// <paramref name="hasExisting"/>, one existing leaf (whose key no set change has). Deletions contribute nothing.
    /// </summary>
    private Subtree Build(int depth, Span<SmtChange> changes, ExistingLeaf existing, bool hasExisting)
    {
        var live = (hasExisting ? 1 : 0) + SmtChangeBatch.CountSetUpToTwo(changes, out var firstSet);

        if (live == 0)
        {
            return default;
        }

        if (live == 1)
        {
            return hasExisting ? new Subtree(existing.Hash, Kind.Leaf) : CreateLeaf(changes[firstSet]);
        }

        if (depth >= 256)
        {
            throw new InvalidOperationException("two distinct state-tree keys cannot share all 256 bits");
        }

        var split = SmtChangeBatch.SplitPoint(changes, depth);
        var existingGoesRight = hasExisting && existing.Key.GetBit(depth) == 1;
        var left = Build(depth + 1, changes[..split], existing, hasExisting && !existingGoesRight);
        var right = Build(depth + 1, changes[split..], existing, existingGoesRight);
        return Join(left, right);
    }

    /// <summary>Parent of two subtrees, collapsing a lone leaf upward (a subtree with one leaf is that leaf).</summary>
    private Subtree Join(Subtree left, Subtree right)
    {
        if (left.Hash.IsZero)
        {
            if (right.Hash.IsZero)
            {
                return default;
            }

            if (IsLeaf(right))
            {
                return new Subtree(right.Hash, Kind.Leaf);
            }
        }
        else if (right.Hash.IsZero && IsLeaf(left))
        {
            return new Subtree(left.Hash, Kind.Leaf);
        }

        var hash = MerkleHash.Node(left.Hash, right.Hash);
        _hashCount++;
        _newNodes.Add(new KeyValuePair<Hash32, SmtNode>(hash, SmtNode.Interior(left.Hash, right.Hash)));
        return new Subtree(hash, Kind.Interior);
    }

    private Subtree CreateLeaf(in SmtChange change)
    {
        var hash = MerkleHash.StateLeaf(change.Key, change.Value);
        _hashCount++;
        _newNodes.Add(new KeyValuePair<Hash32, SmtNode>(hash, SmtNode.Leaf(change.Key, change.Value)));
        return new Subtree(hash, Kind.Leaf);
    }

    private bool IsLeaf(Subtree subtree) => subtree.Kind switch
    {
        Kind.Leaf => true,
        Kind.Unknown => SparseMerkleTree.Load(_store, subtree.Hash).IsLeaf,
        _ => false,
    };

    private readonly record struct Subtree(Hash32 Hash, Kind Kind);

    private readonly record struct ExistingLeaf(Hash32 Key, Hash32 Hash);
}
