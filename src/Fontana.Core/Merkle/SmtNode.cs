using System.Diagnostics.CodeAnalysis;

namespace Fontana.Core.Merkle;

/// <summary>
/// A stored node of the state tree: a leaf (key, value) or an interior node (left, right child hashes; an empty
/// child is <see cref="Hash32.Zero"/>). The encoding is the node's hash preimage, 65 bytes:
/// <c>0x00 ‖ key ‖ value</c> for a leaf, <c>0x01 ‖ left ‖ right</c> for an interior node, so the node's hash is
/// SHA-256 of its encoding and a store can be checked by rehashing, yet reopened without it.
/// </summary>
public readonly struct SmtNode : IEquatable<SmtNode>
{
    /// <summary>Size of <see cref="Encode()"/>: a prefix byte and two 32-byte hashes.</summary>
    public const int EncodedLength = MerkleHash.PreimageLength;

    private readonly Hash32 _a;
    private readonly Hash32 _b;
    private readonly bool _isLeaf;

    private SmtNode(bool isLeaf, Hash32 a, Hash32 b)
    {
        _isLeaf = isLeaf;
        _a = a;
        _b = b;
    }

    /// <summary>True for a leaf (key, value); false for an interior node (left, right).</summary>
    public bool IsLeaf => _isLeaf;

    /// <summary>The leaf's key; throws on an interior node.</summary>
    public Hash32 Key => _isLeaf ? _a : throw new InvalidOperationException("an interior node has no key");

    /// <summary>The leaf's value; throws on an interior node.</summary>
    public Hash32 Value => _isLeaf ? _b : throw new InvalidOperationException("an interior node has no value");

    /// <summary>Hash of the left child (bit 0); throws on a leaf.</summary>
    public Hash32 Left => _isLeaf ? throw new InvalidOperationException("a leaf has no children") : _a;

    /// <summary>Hash of the right child (bit 1); throws on a leaf.</summary>
    public Hash32 Right => _isLeaf ? throw new InvalidOperationException("a leaf has no children") : _b;

    /// <summary>Key (leaf) or left child (interior), without the kind check: for the hot path.</summary>
    internal Hash32 First => _a;

    /// <summary>Value (leaf) or right child (interior), without the kind check: for the hot path.</summary>
    internal Hash32 Second => _b;

    /// <summary>A leaf holding <paramref name="value"/> (a 32-byte hash of the stored output) at <paramref name="key"/> (its state key).</summary>
    public static SmtNode Leaf(Hash32 key, Hash32 value) => new(true, key, value);

    /// <summary>An interior node over two child hashes; <see cref="Hash32.Zero"/> stands for an empty subtree.</summary>
    public static SmtNode Interior(Hash32 left, Hash32 right) => new(false, left, right);

    /// <summary>The node's hash: SHA-256 of its encoding.</summary>
    public Hash32 ComputeHash() => MerkleHash.Pair(_isLeaf ? MerkleHash.LeafPrefix : MerkleHash.NodePrefix, _a, _b);

    /// <summary>Writes the 65-byte encoding into <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination)
    {
        if (destination.Length < EncodedLength)
        {
            throw new ArgumentException($"destination must hold {EncodedLength} bytes", nameof(destination));
        }

        destination[0] = _isLeaf ? MerkleHash.LeafPrefix : MerkleHash.NodePrefix;
        _a.CopyTo(destination.Slice(1, Hash32.Length));
        _b.CopyTo(destination.Slice(1 + Hash32.Length, Hash32.Length));
    }

    /// <summary>The 65-byte encoding (<c>0x00 ‖ key ‖ value</c> or <c>0x01 ‖ left ‖ right</c>) as a new array.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Encode(bytes);
        return bytes;
    }

    /// <summary>Reads a 65-byte encoding (no hashing); false when the length or prefix byte is wrong.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out SmtNode node)
    {
        node = default;
        if (data.Length != EncodedLength || data[0] > MerkleHash.NodePrefix)
        {
            return false;
        }

        node = new SmtNode(
            data[0] == MerkleHash.LeafPrefix,
            Hash32.FromBytes(data.Slice(1, Hash32.Length)),
            Hash32.FromBytes(data.Slice(1 + Hash32.Length, Hash32.Length)));
        return true;
    }

    /// <summary>
    /// Reads a 65-byte encoding (no hashing). Stored nodes are trusted data, so a malformed one is a storage
    /// fault: throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static SmtNode Decode(ReadOnlySpan<byte> data) =>
        TryDecode(data, out var node)
            ? node
            : throw new InvalidDataException($"a state-tree node is {EncodedLength} bytes starting with 0x00 or 0x01; got {data.Length} bytes");

    /// <inheritdoc/>
    public bool Equals(SmtNode other) => _isLeaf == other._isLeaf && _a == other._a && _b == other._b;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is SmtNode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_isLeaf, _a, _b);

    /// <summary>For debugging: <c>leaf(key, value)</c> or <c>node(left, right)</c>.</summary>
    public override string ToString() => _isLeaf ? $"leaf({_a}, {_b})" : $"node({_a}, {_b})";

    /// <summary>True when both are the same kind of node over the same two hashes.</summary>
    public static bool operator ==(SmtNode left, SmtNode right) => left.Equals(right);

    /// <summary>True unless both are the same kind of node over the same two hashes.</summary>
    public static bool operator !=(SmtNode left, SmtNode right) => !left.Equals(right);
}
