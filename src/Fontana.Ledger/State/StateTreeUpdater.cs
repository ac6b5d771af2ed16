using System.Buffers;
using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Ledger.State;

/// <summary>
/// One batch update of the in-memory state tree — the algorithm of Core's <c>SmtUpdater</c> over node objects: the
/// batch is sorted by key, so the changes under any subtree are a contiguous run and each subtree is visited once.
/// Interior nodes on changed paths are rehashed in place (no lookups, no copies); nodes built for new keys are new
/// objects. What the stored tree must lose is collected as the hashes of stored nodes that were changed or dropped.
/// </summary>
internal sealed class StateTreeUpdater
{
    /// <summary>Distinct changes from which the root's two subtrees are updated on two threads.</summary>
    internal const int ParallelThreshold = 2048;

    private readonly List<Hash32> _unstored = [];

    private StateTreeUpdater()
    {
    }

    /// <summary>Hashes computed (leaves and interior nodes).</summary>
    public long HashCount { get; private set; }

    /// <summary>Nodes created minus nodes dropped.</summary>
    public int NodeDelta { get; private set; }

    /// <summary>Hashes of nodes the stored tree holds that this update changed or dropped (each once).</summary>
    public List<Hash32> Unstored => _unstored;

    /// <summary>
    /// Applies <paramref name="changes"/> (key, value to set or null to delete; the last entry for a key wins) under
    /// <paramref name="root"/> and returns the new root (null: empty) with what the update did.
    /// </summary>
    public static (StateTreeNode? Root, StateTreeUpdater Update) Apply(StateTreeNode? root, IReadOnlyList<(Hash32 Key, Hash32? Value)> changes)
    {
        var updater = new StateTreeUpdater();
        if (changes.Count == 0)
        {
            return (root, updater);
        }

        var buffer = ArrayPool<SmtChange>.Shared.Rent(changes.Count);
        try
        {
            var distinct = SmtChangeBatch.SortDistinct(changes, buffer);
            return (updater.UpdateRoot(root, buffer, distinct), updater);
        }
        finally
        {
            ArrayPool<SmtChange>.Shared.Return(buffer);
        }
    }

    /// <summary>A large batch under an interior root updates the root's two subtrees on two threads (they share no node).</summary>
    private StateTreeNode? UpdateRoot(StateTreeNode? root, SmtChange[] buffer, int count)
    {
        var changes = buffer.AsSpan(0, count);
        if (count < ParallelThreshold || root is not StateTreeInterior node)
        {
            return UpdateSubtree(root, 0, changes);
        }

        var split = SmtChangeBatch.SplitPoint(changes, 0);
        if (split == 0 || split == count)
        {
            return UpdateSubtree(root, 0, changes);
        }

        var right = new StateTreeUpdater();
        var beforeLeft = new Before(node.Left);
        var beforeRight = new Before(node.Right);
        StateTreeNode? newLeft = null, newRight = null;
        Parallel.Invoke(
            () => newLeft = UpdateSubtree(node.Left, 1, buffer.AsSpan(0, split)),
            () => newRight = right.UpdateSubtree(node.Right, 1, buffer.AsSpan(split, count - split)));
        _unstored.AddRange(right._unstored);
        HashCount += right.HashCount;
        NodeDelta += right.NodeDelta;
        return Rejoin(node, newLeft, newRight, beforeLeft.Changed(newLeft) || beforeRight.Changed(newRight));
    }

    private StateTreeNode? UpdateSubtree(StateTreeNode? node, int depth, Span<SmtChange> changes)
    {
        if (node is null)
        {
            return Build(depth, changes, null);
        }

        if (node.IsLeaf)
        {
            return MergeIntoLeaf((StateTreeLeaf)node, depth, changes);
        }

        var interior = (StateTreeInterior)node;
        var split = SmtChangeBatch.SplitPoint(changes, depth);
        var beforeLeft = new Before(interior.Left);
        var beforeRight = new Before(interior.Right);
        var left = split == 0 ? interior.Left : UpdateSubtree(interior.Left, depth + 1, changes[..split]);
        var right = split == changes.Length ? interior.Right : UpdateSubtree(interior.Right, depth + 1, changes[split..]);
        return Rejoin(interior, left, right, beforeLeft.Changed(left) || beforeRight.Changed(right));
    }

    /// <summary>An existing interior node over updated children: kept, rehashed in place, or dropped when its subtree collapsed.</summary>
    private StateTreeNode? Rejoin(StateTreeInterior node, StateTreeNode? left, StateTreeNode? right, bool changed)
    {
        if (!changed)
        {
            return node;
        }

        if ((left is null && (right is null || right.IsLeaf)) || (right is null && left!.IsLeaf))
        {
            Drop(node);
            return left ?? right;
        }

        Unstore(node);
        node.Set(left, right);
        HashCount++;
        return node;
    }

    /// <summary>A collapsed leaf met on the way down: its subtree becomes the leaf plus the changes.</summary>
    private StateTreeNode? MergeIntoLeaf(StateTreeLeaf leaf, int depth, Span<SmtChange> changes)
    {
        var keep = true;
        var index = SmtChangeBatch.IndexOf(changes, leaf.Key);
        if (index >= 0)
        {
            ref var change = ref changes[index];
            if (change.IsSet && change.Value == leaf.Value)
            {
                change = change with { IsSet = false }; // same value: the existing leaf stands for this change
            }
            else
            {
                keep = false;
                Drop(leaf);
            }
        }

        return Build(depth, changes, keep ? leaf : null);
    }

    /// <summary>
    /// The subtree at <paramref name="depth"/> holding the set changes of <paramref name="changes"/> and, when given,
    /// the <paramref name="existing"/> leaf (whose key no set change has). Deletions contribute nothing.
    /// </summary>
    private StateTreeNode? Build(int depth, Span<SmtChange> changes, StateTreeLeaf? existing)
    {
        var live = (existing is null ? 0 : 1) + SmtChangeBatch.CountSetUpToTwo(changes, out var firstSet);

        if (live == 0)
        {
            return null;
        }

        if (live == 1)
        {
            return existing ?? CreateLeaf(changes[firstSet]);
        }

        if (depth >= 256)
        {
            throw new InvalidOperationException("two distinct state-tree keys cannot share all 256 bits");
        }

        var split = SmtChangeBatch.SplitPoint(changes, depth);
        var existingGoesRight = existing is not null && existing.Key.GetBit(depth) == 1;
        var left = Build(depth + 1, changes[..split], existingGoesRight ? null : existing);
        var right = Build(depth + 1, changes[split..], existingGoesRight ? existing : null);
        return Join(left, right);
    }

    /// <summary>A new parent of two built subtrees, collapsing a lone leaf upward (a subtree with one leaf is that leaf).</summary>
    private StateTreeNode? Join(StateTreeNode? left, StateTreeNode? right)
    {
        if (left is null && (right is null || right.IsLeaf))
        {
            return right;
        }

        if (right is null && left!.IsLeaf)
        {
            return left;
        }

        HashCount++;
        NodeDelta++;
        return new StateTreeInterior(left, right);
    }

    private StateTreeLeaf CreateLeaf(in SmtChange change)
    {
        HashCount++;
        NodeDelta++;
        return new StateTreeLeaf(change.Key, change.Value);
    }

    private void Drop(StateTreeNode node)
    {
        NodeDelta--;
        Unstore(node);
    }

    private void Unstore(StateTreeNode node)
    {
        if (node.Stored)
        {
            node.Stored = false;
            _unstored.Add(node.Hash);
        }
    }

    /// <summary>
    /// A child as it was before its subtree was updated: the update may rehash it in place, replace it, or only
    /// unstore it — any of which its parent must follow (rehash, and leave the stored tree too).
    /// </summary>
    private readonly struct Before(StateTreeNode? node)
    {
        private readonly StateTreeNode? _node = node;
        private readonly Hash32 _hash = StateTreeNode.HashOf(node);
        private readonly bool _stored = node is { Stored: true };

        public bool Changed(StateTreeNode? now) =>
            !ReferenceEquals(now, _node) || StateTreeNode.HashOf(now) != _hash || (_stored && !now!.Stored);
    }

}
