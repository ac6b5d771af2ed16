using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Fontana.Core.Merkle;

/// <summary>
/// Proof that a txid is the leaf at <see cref="LeafIndex"/> of an RFC 6962 tree of <see cref="TreeSize"/> leaves:
/// the audit path, sibling hashes from the leaf up to the root. Verified without the tree (RFC 9162 §2.1.3.2).
/// Binary form (<see cref="Encode()"/>): leaf index u64 BE ‖ tree size u64 BE ‖ path length u8 ‖ path hashes.
/// </summary>
public sealed class MerkleInclusionProof
{
    /// <summary>Bytes before the path: index (8) + size (8) + path length (1).</summary>
    public const int HeaderLength = 17;

    /// <summary>Longest possible audit path (a tree of up to 2^64 leaves).</summary>
    public const int MaxPathLength = 64;

    private readonly Hash32[] _path;

    /// <summary>Builds a proof from its parts; throws <see cref="ArgumentException"/> unless
    /// 0 ≤ index &lt; size and the path has exactly the length RFC 6962 gives for that index and size.</summary>
    public MerkleInclusionProof(long leafIndex, long treeSize, IReadOnlyList<Hash32> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(treeSize, leafIndex);
        var expected = MerkleTree.ExpectedPathLength((ulong)leafIndex, (ulong)treeSize);
        if (path.Count != expected)
        {
            throw new ArgumentException(
                $"leaf {leafIndex} of a tree of {treeSize} has a path of {expected} hashes, not {path.Count}", nameof(path));
        }

        LeafIndex = leafIndex;
        TreeSize = treeSize;
        _path = [.. path];
    }

    private MerkleInclusionProof(long leafIndex, long treeSize, Hash32[] path)
    {
        LeafIndex = leafIndex;
        TreeSize = treeSize;
        _path = path;
    }

    /// <summary>Zero-based position of the leaf.</summary>
    public long LeafIndex { get; }

    /// <summary>Number of leaves in the tree the proof is against.</summary>
    public long TreeSize { get; }

    /// <summary>Sibling hashes, leaf level first.</summary>
    public IReadOnlyList<Hash32> Path => _path;

    /// <summary>Size of <see cref="Encode()"/> in bytes.</summary>
    public int EncodedLength => HeaderLength + (_path.Length * Hash32.Length);

    /// <summary>
    /// True when <paramref name="leaf"/> (the txid, not its leaf hash) at <see cref="LeafIndex"/> of a tree of
    /// <see cref="TreeSize"/> leaves hashes up to <paramref name="root"/> along <see cref="Path"/>.
    /// </summary>
    /// <remarks>
    /// The root commits to the tree size only through the header that carries it: the leftmost leaves of trees of
    /// different sizes can share a path. Check <see cref="TreeSize"/> against the header's tx count, or call
    /// <see cref="Verify(Hash32, Hash32, long)"/>.
    /// </remarks>
    public bool Verify(Hash32 leaf, Hash32 root) => VerifyLeafHash(MerkleHash.Leaf(leaf), root);

    /// <summary>
    /// <see cref="Verify(Hash32, Hash32)"/> against a block header: also requires <see cref="TreeSize"/> to equal
    /// <paramref name="treeSize"/> (the header's tx count).
    /// </summary>
    public bool Verify(Hash32 leaf, Hash32 root, long treeSize) => TreeSize == treeSize && Verify(leaf, root);

    /// <summary><see cref="Verify(Hash32, Hash32)"/> for an already hashed leaf (RFC 6962 leaf hash).</summary>
    internal bool VerifyLeafHash(Hash32 leafHash, Hash32 root)
    {
        if (LeafIndex < 0 || LeafIndex >= TreeSize)
        {
            return false;
        }

        // RFC 9162 §2.1.3.2: fn walks the leaf index up, sn the last index; an even fn equal to sn has no
        // right sibling at that level (its subtree was promoted), so skip levels until fn is a right child.
        var fn = (ulong)LeafIndex;
        var sn = (ulong)(TreeSize - 1);
        var r = leafHash;
        foreach (var p in _path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r == root;
    }

    /// <summary>Writes the binary form into <paramref name="destination"/> (at least <see cref="EncodedLength"/> bytes); returns the bytes written.</summary>
    public int Encode(Span<byte> destination)
    {
        var length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination must hold {length} bytes", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, (ulong)LeafIndex);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], (ulong)TreeSize);
        destination[16] = (byte)_path.Length;
        for (var i = 0; i < _path.Length; i++)
        {
            _path[i].CopyTo(destination.Slice(HeaderLength + (i * Hash32.Length), Hash32.Length));
        }

        return length;
    }

    /// <summary>The binary form: leaf index u64 BE ‖ tree size u64 BE ‖ path length u8 ‖ path hashes (32 bytes each).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Encode(bytes);
        return bytes;
    }

    /// <summary>Parses the binary form; throws only <see cref="MerkleProofFormatException"/>.</summary>
    public static MerkleInclusionProof Decode(ReadOnlySpan<byte> data) =>
        TryDecode(data, out var proof, out var code, out var message) ? proof : throw new MerkleProofFormatException(code, message);

    /// <summary>Parses the binary form; false (and no exception) when the bytes are not a well-formed proof.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out MerkleInclusionProof? proof) =>
        TryDecode(data, out proof, out _, out _);

    private static bool TryDecode(
        ReadOnlySpan<byte> data,
        [NotNullWhen(true)] out MerkleInclusionProof? proof,
        [NotNullWhen(false)] out string? code,
        [NotNullWhen(false)] out string? message)
    {
        proof = null;
        if (data.Length < HeaderLength)
        {
            return Fail("merkle-proof-truncated", $"an inclusion proof has at least {HeaderLength} bytes, got {data.Length}", out code, out message);
        }

        var index = BinaryPrimitives.ReadUInt64BigEndian(data);
        var size = BinaryPrimitives.ReadUInt64BigEndian(data[8..]);
        int pathLength = data[16];
        if (size == 0 || size > long.MaxValue)
        {
            return Fail("merkle-proof-size-out-of-range", $"tree size {size} is not between 1 and {long.MaxValue}", out code, out message);
        }

        if (index >= size)
        {
            return Fail("merkle-proof-index-out-of-range", $"leaf index {index} is not below the tree size {size}", out code, out message);
        }

        var expected = MerkleTree.ExpectedPathLength(index, size);
        if (pathLength != expected)
        {
            return Fail("merkle-proof-path-length", $"leaf {index} of a tree of {size} has a path of {expected} hashes, the proof says {pathLength}", out code, out message);
        }

        var total = HeaderLength + (pathLength * Hash32.Length);
        if (data.Length < total)
        {
            return Fail("merkle-proof-truncated", $"the proof needs {total} bytes, got {data.Length}", out code, out message);
        }

        if (data.Length > total)
        {
            return Fail("merkle-proof-trailing-bytes", $"the proof has {data.Length - total} bytes after its {total}-byte end", out code, out message);
        }

        var path = new Hash32[pathLength];
        for (var i = 0; i < pathLength; i++)
        {
            path[i] = Hash32.FromBytes(data.Slice(HeaderLength + (i * Hash32.Length), Hash32.Length));
        }

        proof = new MerkleInclusionProof((long)index, (long)size, path);
        code = null;
        message = null;
        return true;
    }

    private static bool Fail(string errorCode, string errorMessage, out string code, out string message)
    {
        code = errorCode;
        message = errorMessage;
        return false;
    }
}
