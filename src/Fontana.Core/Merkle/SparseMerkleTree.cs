namespace Fontana.Core.Merkle;

/// <summary>
/// The state tree: a 256-bit sparse Merkle tree from key (Hash32) to value (Hash32), with single-leaf subtrees
/// collapsed, so a tree of n random keys is about log2(n) levels deep and an update costs about log2(n) hashes.
/// <list type="bullet">
/// <item>Path: bit i of the key (most significant bit of byte 0 first) chooses the child at depth i, 0 = left.</item>
/// <item>Empty subtree: <see cref="Hash32.Zero"/> (never hashed). The empty tree's root is <see cref="Hash32.Zero"/>.</item>
/// <item>Leaf: SHA-256(0x00 ‖ key ‖ value). Interior node: SHA-256(0x01 ‖ left ‖ right).</item>
/// <item>A subtree holding exactly one leaf is that leaf's hash; a subtree with two or more is an interior node.</item>
/// </list>
/// The root therefore depends only on the set of (key, value) pairs, never on the order of updates.
/// This object is a cursor over a node store: reads may run concurrently; <see cref="Update"/> must not overlap
/// with other calls on the same instance.
/// </summary>
public sealed class SparseMerkleTree
{
    private readonly ISmtNodeStore _store;

    /// <summary>Opens the tree at <paramref name="root"/> (<see cref="Hash32.Zero"/> for an empty tree), which must be in <paramref name="store"/>.</summary>
    public SparseMerkleTree(ISmtNodeStore store, Hash32 root)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!root.IsZero && !store.TryGet(root, out _))
        {
            throw new ArgumentException($"state-tree root {root} is not in the node store", nameof(root));
        }

        _store = store;
        Root = root;
    }

    /// <summary>An empty tree over <paramref name="store"/>.</summary>
    public SparseMerkleTree(ISmtNodeStore store)
        : this(store, Hash32.Zero)
    {
    }

    /// <summary>The current root; <see cref="Hash32.Zero"/> when the tree is empty.</summary>
    public Hash32 Root { get; private set; }

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public Hash32? Get(Hash32 key)
    {
        var hash = Root;
        for (var depth = 0; !hash.IsZero; depth++)
        {
            var node = LoadAtDepth(hash, depth);
            if (node.IsLeaf)
            {
                return node.First == key ? node.Second : null;
            }

            hash = key.GetBit(depth) == 0 ? node.First : node.Second;
        }

        return null;
    }

    /// <summary>
    /// Applies a batch: each (key, value) sets the key, each (key, null) deletes it (deleting an absent key does
    /// nothing). When a key appears more than once, the last entry wins. Writes the new nodes to the store in one
    /// <see cref="ISmtNodeStore.PutNodes"/> call, moves <see cref="Root"/>, and says what it did.
    /// </summary>
    public SmtUpdateResult Update(IReadOnlyList<(Hash32 Key, Hash32? Value)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var result = SmtUpdater.Apply(_store, Root, changes);
        Root = result.Root;
        return result;
    }

    /// <summary>
    /// Proof for <paramref name="key"/> against <see cref="Root"/>: inclusion when the key is present, otherwise
    /// non-inclusion (the path ends in an empty subtree or in a leaf with another key).
    /// </summary>
    public SmtProof Prove(Hash32 key)
    {
        Span<Hash32> siblings = stackalloc Hash32[SmtProof.MaxDepth];
        var hash = Root;
        var depth = 0;
        while (!hash.IsZero)
        {
            var node = LoadAtDepth(hash, depth);
            if (node.IsLeaf)
            {
                return new SmtProof(siblings[..depth].ToArray(), node.First, node.Second);
            }

            if (key.GetBit(depth) == 0)
            {
                siblings[depth] = node.Second;
                hash = node.First;
            }
            else
            {
                siblings[depth] = node.First;
                hash = node.Second;
            }

            depth++;
        }

        return new SmtProof(siblings[..depth].ToArray(), null, null);
    }

    private SmtNode LoadAtDepth(Hash32 hash, int depth)
    {
        var node = Load(_store, hash);
        return node.IsLeaf || depth < SmtProof.MaxDepth
            ? node
            : throw new InvalidOperationException($"state-tree node {hash} is an interior node below depth {SmtProof.MaxDepth}: the store is corrupt");
    }

    internal static SmtNode Load(ISmtNodeStore store, Hash32 hash) =>
        store.TryGet(hash, out var node)
            ? node
            : throw new InvalidOperationException($"state-tree node {hash} is missing from the node store");
}
