using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// Celestia's blob share commitment for share version 0 (go-square <c>inclusion/commitment.go</c>,
/// ADR-013): split the blob into 512-byte sparse shares, group them into a Merkle mountain range of subtrees of width
/// <see cref="SubTreeWidth"/>, take the namespaced Merkle tree (NMT) root of each subtree, and hash the roots with
/// the RFC 6962 Merkle tree (tendermint <c>merkle.HashFromByteSlices</c>).
/// </summary>
internal static class ShareCommitment
{
    public const int ShareSize = 512;
    public const int SubtreeRootThreshold = 64;
    public const int FirstShareCapacity = ShareSize - CelestiaNamespace.Size - 1 - 4;
    public const int ContinuationShareCapacity = ShareSize - CelestiaNamespace.Size - 1;

    public static byte[] Compute(ReadOnlySpan<byte> ns, ReadOnlySpan<byte> data) => Compute(ns, data, MerkleRoot);

    /// <summary>As <see cref="Compute(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> with another root over the subtree roots (test vectors use one).</summary>
    public static byte[] Compute(ReadOnlySpan<byte> ns, ReadOnlySpan<byte> data, Func<IReadOnlyList<byte[]>, byte[]> merkleRoot)
    {
        if (ns.Length != CelestiaNamespace.Size || data.IsEmpty)
        {
            throw new ArgumentException("a commitment needs a 29-byte namespace and non-empty data");
        }

        var shares = SplitSparseShares(ns, data);
        var width = SubTreeWidth(shares.Count);
        var roots = new List<byte[]>();
        var cursor = 0;
        foreach (var size in MerkleMountainRangeSizes(shares.Count, width))
        {
            var leaves = new byte[size][];
            for (var i = 0; i < size; i++)
            {
                leaves[i] = NmtLeafHash(ns, shares[cursor + i]);
            }

            roots.Add(NmtRoot(leaves, 0, size));
            cursor += size;
        }

        return merkleRoot(roots);
    }

    /// <summary>Sparse shares, share version 0: namespace ‖ info byte (version &lt;&lt; 1 | sequence start) ‖ [sequence length u32 BE in the first share] ‖ data, zero-padded.</summary>
    public static List<byte[]> SplitSparseShares(ReadOnlySpan<byte> ns, ReadOnlySpan<byte> data)
    {
        var shares = new List<byte[]>();
        var offset = 0;
        while (offset < data.Length || shares.Count == 0)
        {
            var share = new byte[ShareSize];
            ns.CopyTo(share);
            var first = shares.Count == 0;
            share[CelestiaNamespace.Size] = first ? (byte)1 : (byte)0;
            var at = CelestiaNamespace.Size + 1;
            if (first)
            {
                BinaryPrimitives.WriteUInt32BigEndian(share.AsSpan(at), (uint)data.Length);
                at += 4;
            }

            var n = Math.Min(ShareSize - at, data.Length - offset);
            data.Slice(offset, n).CopyTo(share.AsSpan(at));
            offset += n;
            shares.Add(share);
        }

        return shares;
    }

    public static int SubTreeWidth(int shareCount)
    {
        var s = (shareCount + SubtreeRootThreshold - 1) / SubtreeRootThreshold;
        var minSquare = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Ceiling(Math.Sqrt(shareCount)));
        return Math.Min((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, s)), minSquare);
    }

    public static List<int> MerkleMountainRangeSizes(int total, int maxTreeSize)
    {
        var sizes = new List<int>();
        while (total > 0)
        {
            var size = total >= maxTreeSize ? maxTreeSize : 1 << BitOperations.Log2((uint)total);
            sizes.Add(size);
            total -= size;
        }

        return sizes;
    }

    /// <summary>RFC 6962 / tendermint <c>HashFromByteSlices</c>: leaf = SHA-256(0x00 ‖ item), node = SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] MerkleRoot(IReadOnlyList<byte[]> items) => items.Count == 0 ? SHA256.HashData([]) : MerkleRoot(items, 0, items.Count);

    private static byte[] MerkleRoot(IReadOnlyList<byte[]> items, int start, int count)
    {
        if (count == 1)
        {
            return Hash(0x00, items[start]);
        }

        var k = SplitPoint(count);
        return Hash(0x01, MerkleRoot(items, start, k), MerkleRoot(items, start + k, count - k));
    }

    /// <summary>NMT leaf: min ns ‖ max ns ‖ SHA-256(0x00 ‖ ns ‖ share); the share already starts with the namespace.</summary>
    private static byte[] NmtLeafHash(ReadOnlySpan<byte> ns, byte[] share)
    {
        var result = new byte[(2 * CelestiaNamespace.Size) + 32];
        ns.CopyTo(result);
        ns.CopyTo(result.AsSpan(CelestiaNamespace.Size));
        var input = new byte[1 + CelestiaNamespace.Size + ShareSize];
        ns.CopyTo(input.AsSpan(1));
        share.CopyTo(input.AsSpan(1 + CelestiaNamespace.Size));
        SHA256.HashData(input, result.AsSpan(2 * CelestiaNamespace.Size));
        return result;
    }

    /// <summary>NMT inner nodes over leaves of one namespace: ns ‖ ns ‖ SHA-256(0x01 ‖ left ‖ right).</summary>
    private static byte[] NmtRoot(byte[][] leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = SplitPoint(count);
        var left = NmtRoot(leaves, start, k);
        var right = NmtRoot(leaves, start + k, count - k);
        var result = new byte[left.Length];
        left.AsSpan(0, 2 * CelestiaNamespace.Size).CopyTo(result);
        SHA256.HashData([0x01, .. left, .. right], result.AsSpan(2 * CelestiaNamespace.Size));
        return result;
    }

    private static int SplitPoint(int count) => 1 << BitOperations.Log2((uint)(count - 1));

    private static byte[] Hash(byte prefix, params ReadOnlySpan<byte[]> parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([prefix]);
        foreach (var part in parts)
        {
            sha.AppendData(part);
        }

        return sha.GetHashAndReset();
    }
}
