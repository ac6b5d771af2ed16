using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Ledger.State;

/// <summary>
/// Builds the in-memory state tree from the stored checkpoint's node rows (hash → 65-byte node; the hashes are
/// trusted, not recomputed): collects the rows, then links the nodes reachable from the checkpoint's root. Rows
/// no node reaches (left by an interrupted checkpoint in older versions) are returned as garbage for the store to drop.
/// </summary>
internal sealed class StateTreeLoad
{
    private readonly Dictionary<Hash32, SmtNode> _rows = [];
    private int _linked;

    /// <summary>Adds a stored row (the sink of <c>ILedgerStore.LoadSmtNodesAsync</c>).</summary>
    public void Add(byte[] hash, byte[] encoded) => _rows[Hash32.FromBytes(hash)] = SmtNode.Decode(encoded);

    /// <summary>The tree under <paramref name="root"/> and the rows it does not use; throws when a node is missing.</summary>
    public (StateTree Tree, List<Hash32> Garbage) Build(Hash32 root)
    {
        var top = root.IsZero ? null : Link(root, 0);
        var garbage = new List<Hash32>(_rows.Keys);
        _rows.Clear();
        return (new StateTree(top, _linked), garbage);
    }

    private StateTreeNode Link(Hash32 hash, int depth)
    {
        if (!_rows.Remove(hash, out var node))
        {
            throw new InvalidDataException($"state-tree node {hash} is missing from the stored tree");
        }

        _linked++;
        if (node.IsLeaf)
        {
            return new StateTreeLeaf(hash, node.Key, node.Value);
        }

        if (depth >= SmtProof.MaxDepth)
        {
            throw new InvalidDataException($"state-tree node {hash} is an interior node below depth {SmtProof.MaxDepth}: the store is corrupt");
        }

        var left = node.Left.IsZero ? null : Link(node.Left, depth + 1);
        var right = node.Right.IsZero ? null : Link(node.Right, depth + 1);
        return new StateTreeInterior(hash, left, right);
    }
}
