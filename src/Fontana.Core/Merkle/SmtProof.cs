using System.Diagnostics.CodeAnalysis;

namespace Fontana.Core.Merkle;

/// <summary>
/// Proof that a key has a given value in the state tree (inclusion), or has none (non-inclusion), checked against
/// a root alone. It is the path from the root to where the key's walk ends: the sibling hash at every depth
/// (<see cref="Hash32.Zero"/> for an empty sibling), then either an empty subtree or a leaf — the key's own
/// (inclusion) or another key's that occupies the path (non-inclusion). Binary form: see <see cref="Encode()"/>.
/// </summary>
public sealed class SmtProof
{
    /// <summary>Deepest possible terminal: two keys that differ only in their last bit.</summary>
    public const int MaxDepth = 256;

    private readonly Hash32[] _siblings;

    internal SmtProof(Hash32[] siblings, Hash32? leafKey, Hash32? leafValue)
    {
        _siblings = siblings;
        LeafKey = leafKey;
        LeafValue = leafValue;
    }

    /// <summary>Depth of the terminal (root = 0): the number of siblings.</summary>
    public int Depth => _siblings.Length;

    /// <summary>Sibling hash at each depth from the root down (index = depth); <see cref="Hash32.Zero"/> when empty.</summary>
    public IReadOnlyList<Hash32> Siblings => _siblings;

    /// <summary>True when the path ends in a leaf, false when it ends in an empty subtree.</summary>
    [MemberNotNullWhen(true, nameof(LeafKey), nameof(LeafValue))]
    public bool HasLeaf => LeafKey.HasValue;

    /// <summary>Key of the leaf that ends the path (the proven key for an inclusion proof), or null.</summary>
    public Hash32? LeafKey { get; }

    /// <summary>Value of the leaf that ends the path, or null.</summary>
    public Hash32? LeafValue { get; }

    /// <summary>Size of <see cref="Encode()"/> in bytes.</summary>
    public int EncodedLength => SmtProofCodec.EncodedLength(this);

    /// <summary>
    /// Checks the proof against <paramref name="root"/> with no storage: with <paramref name="expectedValue"/> set,
    /// that <paramref name="key"/> maps to it; with null, that <paramref name="key"/> is absent.
    /// </summary>
    public bool Verify(Hash32 root, Hash32 key, Hash32? expectedValue)
    {
        var depth = _siblings.Length;
        if (depth > MaxDepth || (depth > 0 && _siblings[depth - 1].IsZero))
        {
            return false; // a leaf or an empty subtree always has a non-empty sibling, or it would have collapsed
        }

        Hash32 hash;
        if (expectedValue is { } value)
        {
            if (!HasLeaf || LeafKey.Value != key || LeafValue.Value != value)
            {
                return false;
            }

            hash = MerkleHash.StateLeaf(key, value);
        }
        else if (HasLeaf)
        {
            // Another key's leaf on our path proves absence only if it really sits on our path.
            if (LeafKey.Value == key || !SharePrefix(LeafKey.Value, key, depth))
            {
                return false;
            }

            hash = MerkleHash.StateLeaf(LeafKey.Value, LeafValue.Value);
        }
        else
        {
            hash = Hash32.Zero;
        }

        for (var i = depth - 1; i >= 0; i--)
        {
            hash = key.GetBit(i) == 0 ? MerkleHash.Node(hash, _siblings[i]) : MerkleHash.Node(_siblings[i], hash);
        }

        return hash == root;
    }

    /// <summary>Decodes <paramref name="encodedProof"/> and verifies it; false for malformed bytes (never throws for them).</summary>
    public static bool Verify(ReadOnlySpan<byte> encodedProof, Hash32 root, Hash32 key, Hash32? expectedValue) =>
        TryDecode(encodedProof, out var proof) && proof.Verify(root, key, expectedValue);

    /// <summary>
    /// The binary form: terminal (u8: 0 = empty subtree, 1 = leaf) ‖ depth d (u16 BE, 0..256) ‖ bitmap of
    /// ceil(d/8) bytes (bit i, most significant first, set when the sibling at depth i is non-empty) ‖ the
    /// non-empty siblings, 32 bytes each, from depth 0 down ‖ for a leaf terminal, its key and value (32 + 32).
    /// </summary>
    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        SmtProofCodec.Encode(this, bytes);
        return bytes;
    }

    /// <summary>Writes the binary form into <paramref name="destination"/>; returns the bytes written.</summary>
    public int Encode(Span<byte> destination) => SmtProofCodec.Encode(this, destination);

    /// <summary>Parses the binary form; throws only <see cref="MerkleProofFormatException"/>.</summary>
    public static SmtProof Decode(ReadOnlySpan<byte> data) =>
        SmtProofCodec.TryDecode(data, out var proof, out var code, out var message) ? proof : throw new MerkleProofFormatException(code, message);

    /// <summary>Parses the binary form; false (and no exception) when the bytes are not a well-formed proof.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out SmtProof? proof) =>
        SmtProofCodec.TryDecode(data, out proof, out _, out _);

    private static bool SharePrefix(Hash32 a, Hash32 b, int bits)
    {
        for (var i = 0; i < bits; i++)
        {
            if (a.GetBit(i) != b.GetBit(i))
            {
                return false;
            }
        }

        return true;
    }
}
