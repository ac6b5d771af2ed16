using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Fontana.Core.Merkle;

/// <summary>The binary form of <see cref="SmtProof"/> (layout in <see cref="SmtProof.Encode()"/> and docs/state-tree.md).</summary>
internal static class SmtProofCodec
{
    private const byte TerminalEmpty = 0x00;
    private const byte TerminalLeaf = 0x01;
    private const int HeaderLength = 3;

    public static int EncodedLength(SmtProof proof)
    {
        var nonEmpty = 0;
        foreach (var sibling in proof.Siblings)
        {
            nonEmpty += sibling.IsZero ? 0 : 1;
        }

        return HeaderLength + BitmapLength(proof.Depth) + (nonEmpty * Hash32.Length) + (proof.HasLeaf ? 2 * Hash32.Length : 0);
    }

    public static int Encode(SmtProof proof, Span<byte> destination)
    {
        var length = EncodedLength(proof);
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination must hold {length} bytes", nameof(destination));
        }

        var depth = proof.Depth;
        destination[0] = proof.HasLeaf ? TerminalLeaf : TerminalEmpty;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)depth);
        var bitmap = destination.Slice(HeaderLength, BitmapLength(depth));
        bitmap.Clear();
        var offset = HeaderLength + bitmap.Length;
        for (var i = 0; i < depth; i++)
        {
            var sibling = proof.Siblings[i];
            if (!sibling.IsZero)
            {
                bitmap[i >> 3] |= (byte)(0x80 >> (i & 7));
                sibling.CopyTo(destination.Slice(offset, Hash32.Length));
                offset += Hash32.Length;
            }
        }

        if (proof.HasLeaf)
        {
            proof.LeafKey.Value.CopyTo(destination.Slice(offset, Hash32.Length));
            proof.LeafValue.Value.CopyTo(destination.Slice(offset + Hash32.Length, Hash32.Length));
            offset += 2 * Hash32.Length;
        }

        return offset;
    }

    public static bool TryDecode(
        ReadOnlySpan<byte> data,
        [NotNullWhen(true)] out SmtProof? proof,
        [NotNullWhen(false)] out string? code,
        [NotNullWhen(false)] out string? message)
    {
        proof = null;
        if (data.Length < HeaderLength)
        {
            return Fail("smt-proof-truncated", $"a state proof has at least {HeaderLength} bytes, got {data.Length}", out code, out message);
        }

        var terminal = data[0];
        if (terminal is not (TerminalEmpty or TerminalLeaf))
        {
            return Fail("smt-proof-terminal", $"terminal byte is 0x{terminal:x2}; expected 0x00 (empty) or 0x01 (leaf)", out code, out message);
        }

        int depth = BinaryPrimitives.ReadUInt16BigEndian(data[1..]);
        if (depth > SmtProof.MaxDepth)
        {
            return Fail("smt-proof-depth-out-of-range", $"depth {depth} is over {SmtProof.MaxDepth}", out code, out message);
        }

        var bitmapLength = BitmapLength(depth);
        if (data.Length < HeaderLength + bitmapLength)
        {
            return Fail("smt-proof-truncated", $"the proof ends inside its {bitmapLength}-byte bitmap", out code, out message);
        }

        var bitmap = data.Slice(HeaderLength, bitmapLength);
        var nonEmpty = 0;
        for (var i = 0; i < bitmapLength * 8; i++)
        {
            var set = (bitmap[i >> 3] & (0x80 >> (i & 7))) != 0;
            if (set && i >= depth)
            {
                return Fail("smt-proof-bitmap-padding", $"bitmap bit {i} is set but the depth is {depth}", out code, out message);
            }

            nonEmpty += set ? 1 : 0;
        }

        if (depth > 0 && (bitmap[(depth - 1) >> 3] & (0x80 >> ((depth - 1) & 7))) == 0)
        {
            return Fail("smt-proof-noncanonical", "the sibling next to the terminal is empty; that subtree would have collapsed", out code, out message);
        }

        var total = HeaderLength + bitmapLength + (nonEmpty * Hash32.Length) + (terminal == TerminalLeaf ? 2 * Hash32.Length : 0);
        if (data.Length < total)
        {
            return Fail("smt-proof-truncated", $"the proof needs {total} bytes, got {data.Length}", out code, out message);
        }

        if (data.Length > total)
        {
            return Fail("smt-proof-trailing-bytes", $"the proof has {data.Length - total} bytes after its {total}-byte end", out code, out message);
        }

        var siblings = new Hash32[depth];
        var offset = HeaderLength + bitmapLength;
        for (var i = 0; i < depth; i++)
        {
            if ((bitmap[i >> 3] & (0x80 >> (i & 7))) != 0)
            {
                siblings[i] = Hash32.FromBytes(data.Slice(offset, Hash32.Length));
                offset += Hash32.Length;
                if (siblings[i].IsZero)
                {
                    return Fail("smt-proof-noncanonical", $"sibling {i} is marked non-empty but is all zeros", out code, out message);
                }
            }
        }

        Hash32? leafKey = null, leafValue = null;
        if (terminal == TerminalLeaf)
        {
            leafKey = Hash32.FromBytes(data.Slice(offset, Hash32.Length));
            leafValue = Hash32.FromBytes(data.Slice(offset + Hash32.Length, Hash32.Length));
        }

        proof = new SmtProof(siblings, leafKey, leafValue);
        code = null;
        message = null;
        return true;
    }

    private static int BitmapLength(int depth) => (depth + 7) >> 3;

    private static bool Fail(string errorCode, string errorMessage, out string code, out string message)
    {
        code = errorCode;
        message = errorMessage;
        return false;
    }
}
