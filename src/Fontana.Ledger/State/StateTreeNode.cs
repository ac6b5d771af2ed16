using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Ledger.State;

/// <summary>
/// A node of the in-memory state tree: a leaf (<see cref="StateTreeLeaf"/>) or an interior node
/// (<see cref="StateTreeInterior"/>) holding its children by reference, with its hash cached. The tree's shape and
/// hashes are those of <see cref="SparseMerkleTree"/> (single-leaf subtrees collapsed); the objects replace a
/// content-addressed dictionary, so an update follows references instead of looking every node up by hash.
/// </summary>
internal abstract class StateTreeNode
{
    protected StateTreeNode(bool isLeaf) => IsLeaf = isLeaf;

    /// <summary>True for <see cref="StateTreeLeaf"/>.</summary>
    public bool IsLeaf { get; }

    /// <summary>SHA-256 of the node's 65-byte encoding (<see cref="SmtNode"/>).</summary>
    public Hash32 Hash { get; protected set; }

    /// <summary>
    /// True when the stored tree (the last checkpoint) holds this node with this hash. Invariant: a stored node's
    /// descendants are all stored, since any change below a node changes its hash and unstores it.
    /// </summary>
    public bool Stored { get; set; }

    /// <summary>The node as the store and proofs see it.</summary>
    public abstract SmtNode ToSmtNode();

    /// <summary>Hash of <paramref name="node"/>, <see cref="Hash32.Zero"/> for an empty subtree.</summary>
    public static Hash32 HashOf(StateTreeNode? node) => node is null ? Hash32.Zero : node.Hash;
}

/// <summary>A leaf: a state key and the hash of its value.</summary>
internal sealed class StateTreeLeaf : StateTreeNode
{
    public StateTreeLeaf(Hash32 key, Hash32 value)
        : base(isLeaf: true)
    {
        Key = key;
        Value = value;
        Hash = SmtNode.Leaf(key, value).ComputeHash();
    }

    /// <summary>A leaf read from the store (its hash is trusted, not recomputed).</summary>
    public StateTreeLeaf(Hash32 hash, Hash32 key, Hash32 value)
        : base(isLeaf: true)
    {
        Key = key;
        Value = value;
        Hash = hash;
        Stored = true;
    }

    public Hash32 Key { get; }

    public Hash32 Value { get; }

    public override SmtNode ToSmtNode() => SmtNode.Leaf(Key, Value);
}

/// <summary>An interior node: two children, either of which may be empty (null) when the other holds two leaves or more.</summary>
internal sealed class StateTreeInterior : StateTreeNode
{
    public StateTreeInterior(StateTreeNode? left, StateTreeNode? right)
        : base(isLeaf: false) => Set(left, right);

    /// <summary>An interior node read from the store (its hash is trusted, not recomputed).</summary>
    public StateTreeInterior(Hash32 hash, StateTreeNode? left, StateTreeNode? right)
        : base(isLeaf: false)
    {
        Left = left;
        Right = right;
        Hash = hash;
        Stored = true;
    }

    public StateTreeNode? Left { get; private set; }

    public StateTreeNode? Right { get; private set; }

    /// <summary>Points this node at new children and rehashes it (the caller unstores it first).</summary>
    public void Set(StateTreeNode? left, StateTreeNode? right)
    {
        Left = left;
        Right = right;
        Hash = SmtNode.Interior(HashOf(left), HashOf(right)).ComputeHash();
    }

    public override SmtNode ToSmtNode() => SmtNode.Interior(HashOf(Left), HashOf(Right));
}
