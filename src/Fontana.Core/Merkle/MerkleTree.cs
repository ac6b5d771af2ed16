using System.Buffers;

namespace Fontana.Core.Merkle;

/// <summary>
/// The binary Merkle tree over a block's txids, exactly as RFC 6962 §2.1 (Certificate Transparency):
/// leaf hash = SHA-256(0x00 ‖ txid), node = SHA-256(0x01 ‖ left ‖ right), a list of n &gt; 1 leaves splits at the
/// largest power of two below n, and the empty tree's root is SHA-256 of the empty string.
/// </summary>
public static class MerkleTree
{
    private const int StackLimit = 64;

    /// <summary>Root of the tree with no leaves: SHA-256("") = e3b0c442…b855.</summary>
    public static Hash32 EmptyRoot => MerkleHash.EmptyTreeRoot;

    /// <summary>The RFC 6962 root (MTH) of <paramref name="leaves"/>, in order.</summary>
    public static Hash32 ComputeRoot(ReadOnlySpan<Hash32> leaves)
    {
        if (leaves.IsEmpty)
        {
            return MerkleHash.EmptyTreeRoot;
        }

        Hash32[]? rented = null;
        var level = leaves.Length <= StackLimit
            ? stackalloc Hash32[leaves.Length]
            : (rented = ArrayPool<Hash32>.Shared.Rent(leaves.Length)).AsSpan(0, leaves.Length);
        try
        {
            for (var i = 0; i < leaves.Length; i++)
            {
                level[i] = MerkleHash.Leaf(leaves[i]);
            }

            return ReduceToRoot(level);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<Hash32>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The inclusion proof (RFC 6962 audit path, leaf to root) of the leaf at <paramref name="index"/>.</summary>
    public static MerkleInclusionProof CreateProof(ReadOnlySpan<Hash32> leaves, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Length);

        var level = new Hash32[leaves.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            level[i] = MerkleHash.Leaf(leaves[i]);
        }

        return CreateProofFromLeafHashes(level, index);
    }

    /// <summary>RFC 6962 leaf hash of a 32-byte leaf: SHA-256(0x00 ‖ leaf).</summary>
    public static Hash32 HashLeaf(Hash32 leaf) => MerkleHash.Leaf(leaf);

    /// <summary>RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right).</summary>
    public static Hash32 HashNode(Hash32 left, Hash32 right) => MerkleHash.Node(left, right);

    /// <summary>Inclusion proof from already hashed leaves; overwrites <paramref name="level"/>.</summary>
    internal static MerkleInclusionProof CreateProofFromLeafHashes(Hash32[] level, int index)
    {
        var path = new List<Hash32>(64);
        var position = index;
        var count = level.Length;
        while (count > 1)
        {
            var sibling = position ^ 1;
            if (sibling < count)
            {
                path.Add(level[sibling]);
            }

            count = ReduceOneLevel(level.AsSpan(0, count));
            position >>= 1;
        }

        return new MerkleInclusionProof(index, level.Length, path);
    }

    /// <summary>
    /// Root from already hashed leaves; overwrites <paramref name="level"/>. Pairing neighbours level by level and
    /// promoting an odd last node unchanged builds exactly the RFC 6962 tree (split at the largest power of two).
    /// </summary>
    internal static Hash32 ReduceToRoot(Span<Hash32> level)
    {
        if (level.IsEmpty)
        {
            return MerkleHash.EmptyTreeRoot;
        }

        var count = level.Length;
        while (count > 1)
        {
            count = ReduceOneLevel(level[..count]);
        }

        return level[0];
    }

    /// <summary>Number of path hashes an RFC 6962 inclusion proof has for this leaf index and tree size.</summary>
    internal static int ExpectedPathLength(ulong index, ulong size)
    {
        var length = 0;
        var position = index;
        var last = size - 1;
        while (last > 0)
        {
            if ((position & 1) == 1 || position < last)
            {
                length++;
            }

            position >>= 1;
            last >>= 1;
        }

        return length;
    }

    private static int ReduceOneLevel(Span<Hash32> level)
    {
        var next = 0;
        var i = 0;
        for (; i + 1 < level.Length; i += 2)
        {
            level[next++] = MerkleHash.Node(level[i], level[i + 1]);
        }

        if (i < level.Length)
        {
            level[next++] = level[i];
        }

        return next;
    }
}
