using System.Security.Cryptography;

namespace Fontana.Core.Merkle;

/// <summary>
/// The domain-separated hash functions shared by the transaction tree (RFC 6962) and the state tree:
/// a leaf is hashed behind a 0x00 byte, an interior node behind a 0x01 byte, so no leaf can pose as a node.
/// Every function hashes one stack buffer with a single SHA-256 call (no allocation).
/// </summary>
internal static class MerkleHash
{
    public const byte LeafPrefix = 0x00;
    public const byte NodePrefix = 0x01;

    /// <summary>Size of a node preimage: prefix + two 32-byte hashes (also a state-tree leaf: prefix + key + value).</summary>
    public const int PreimageLength = 1 + (2 * Hash32.Length);

    /// <summary>SHA-256 of the empty string: the root of an empty RFC 6962 tree.</summary>
    public static readonly Hash32 EmptyTreeRoot = Hash32.Compute([]);

    /// <summary>RFC 6962 leaf hash of arbitrary bytes: SHA-256(0x00 ‖ data).</summary>
    public static Hash32 Leaf(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(data);
        Span<byte> digest = stackalloc byte[Hash32.Length];
        hash.GetHashAndReset(digest);
        return Hash32.FromBytes(digest);
    }

    /// <summary>RFC 6962 leaf hash of a 32-byte leaf (a txid): SHA-256(0x00 ‖ leaf).</summary>
    public static Hash32 Leaf(in Hash32 leaf)
    {
        Span<byte> buffer = stackalloc byte[1 + Hash32.Length];
        buffer[0] = LeafPrefix;
        leaf.CopyTo(buffer[1..]);
        return Digest(buffer);
    }

    /// <summary>Interior node: SHA-256(0x01 ‖ left ‖ right).</summary>
    public static Hash32 Node(in Hash32 left, in Hash32 right) => Pair(NodePrefix, left, right);

    /// <summary>State-tree leaf: SHA-256(0x00 ‖ key ‖ value).</summary>
    public static Hash32 StateLeaf(in Hash32 key, in Hash32 value) => Pair(LeafPrefix, key, value);

    /// <summary>SHA-256(prefix ‖ a ‖ b): the one 65-byte preimage shape both trees use for nodes and state leaves.</summary>
    public static Hash32 Pair(byte prefix, in Hash32 a, in Hash32 b)
    {
        Span<byte> buffer = stackalloc byte[PreimageLength];
        buffer[0] = prefix;
        a.CopyTo(buffer.Slice(1, Hash32.Length));
        b.CopyTo(buffer.Slice(1 + Hash32.Length, Hash32.Length));
        return Digest(buffer);
    }

    private static Hash32 Digest(ReadOnlySpan<byte> preimage)
    {
        Span<byte> digest = stackalloc byte[Hash32.Length];
        Crypto.Sha256.Hash(preimage, digest);
        return Hash32.FromBytes(digest);
    }
}
