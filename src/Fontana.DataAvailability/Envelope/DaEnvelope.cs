using System.Buffers.Binary;
using Fontana.Core;

namespace Fontana.DataAvailability.Envelope;

/// <summary>
/// The Fontana DA envelope around every blob and local record (docs/data-availability.md, "Envelope"), big-endian:
/// <c>"FNTDA1"</c> (6) ‖ block height u64 (8) ‖ chunk index u16 (2) ‖ chunk count u16 (2) ‖ block length u32 (4) ‖
/// SHA-256 of the whole block (32) ‖ payload length u32 (4) ‖ payload. 58 header bytes.
/// </summary>
internal static class DaEnvelope
{
    public const int HeaderLength = 58;

    /// <summary>Largest block the envelope carries (1 GiB): a bound on what a decoder will believe.</summary>
    public const uint MaxBlockBytes = 1u << 30;

    public static ReadOnlySpan<byte> Magic => "FNTDA1"u8;

    /// <summary>How many envelopes of at most <paramref name="maxEnvelopeBytes"/> a block of <paramref name="blockLength"/> bytes needs.</summary>
    public static int ChunkCount(int blockLength, int maxEnvelopeBytes)
    {
        var payload = maxEnvelopeBytes - HeaderLength;
        ArgumentOutOfRangeException.ThrowIfLessThan(payload, 1, nameof(maxEnvelopeBytes));
        return (int)(((long)blockLength + payload - 1) / payload);
    }

    /// <summary>Splits a block into envelopes of at most <paramref name="maxEnvelopeBytes"/> bytes each, all chunks but the last full.</summary>
    public static byte[][] Split(ulong blockHeight, ReadOnlySpan<byte> block, int maxEnvelopeBytes)
    {
        if (block.IsEmpty)
        {
            throw new ArgumentException("a block is never empty", nameof(block));
        }

        var count = ChunkCount(block.Length, maxEnvelopeBytes);
        if ((uint)block.Length > MaxBlockBytes || count > ushort.MaxValue)
        {
            throw new DataAvailabilityException(DaErrorCodes.TooLarge,
                $"block {blockHeight} of {block.Length} bytes needs {count} chunks of {maxEnvelopeBytes} bytes; at most {ushort.MaxValue} chunks and {MaxBlockBytes} bytes fit the envelope");
        }

        var hash = Hash32.Compute(block);
        var payloadSize = maxEnvelopeBytes - HeaderLength;
        var envelopes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var payload = block.Slice(i * payloadSize, Math.Min(payloadSize, block.Length - (i * payloadSize)));
            var envelope = new byte[HeaderLength + payload.Length];
            WriteHeader(envelope, blockHeight, (ushort)i, (ushort)count, (uint)block.Length, hash, (uint)payload.Length);
            payload.CopyTo(envelope.AsSpan(HeaderLength));
            envelopes[i] = envelope;
        }

        return envelopes;
    }

    /// <summary>Decodes one envelope; throws only <see cref="DaEnvelopeFormatException"/>. The payload aliases <paramref name="envelope"/>.</summary>
    public static DaEnvelopeChunk Decode(ReadOnlyMemory<byte> envelope)
    {
        var span = envelope.Span;
        if (span.Length < HeaderLength)
        {
            throw new DaEnvelopeFormatException($"envelope of {span.Length} bytes is shorter than its {HeaderLength}-byte header");
        }

        if (!span[..6].SequenceEqual(Magic))
        {
            throw new DaEnvelopeFormatException("envelope does not start with \"FNTDA1\"");
        }

        var height = BinaryPrimitives.ReadUInt64BigEndian(span[6..]);
        var index = BinaryPrimitives.ReadUInt16BigEndian(span[14..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(span[16..]);
        var total = BinaryPrimitives.ReadUInt32BigEndian(span[18..]);
        var hash = Hash32.FromBytes(span.Slice(22, Hash32.Length));
        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(span[54..]);
        if (count == 0 || index >= count)
        {
            throw new DaEnvelopeFormatException($"envelope chunk index {index} is not below its chunk count {count}");
        }

        if (total == 0 || total > MaxBlockBytes)
        {
            throw new DaEnvelopeFormatException($"envelope block length {total} is not between 1 and {MaxBlockBytes}");
        }

        if (payloadLength != (uint)(span.Length - HeaderLength))
        {
            throw new DaEnvelopeFormatException($"envelope payload length {payloadLength} does not match the {span.Length - HeaderLength} bytes present");
        }

        if (payloadLength == 0 || payloadLength > total || (count == 1 && payloadLength != total) || (ulong)count > total)
        {
            throw new DaEnvelopeFormatException($"envelope chunk of {payloadLength} bytes does not fit a block of {total} bytes in {count} chunks");
        }

        return new DaEnvelopeChunk(height, index, count, total, hash, envelope[HeaderLength..]);
    }

    /// <summary>Decodes or returns false (for scanning namespaces that others may write to).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> envelope, out DaEnvelopeChunk chunk)
    {
        try
        {
            chunk = Decode(envelope);
            return true;
        }
        catch (DaEnvelopeFormatException)
        {
            chunk = default;
            return false;
        }
    }

    /// <summary>
    /// Joins the chunks of one block (any order, duplicates allowed) and checks length and SHA-256.
    /// Throws <see cref="DaEnvelopeFormatException"/> when they disagree, a chunk is missing or the hash does not match.
    /// </summary>
    public static byte[] Reassemble(IReadOnlyList<DaEnvelopeChunk> chunks)
    {
        if (chunks.Count == 0)
        {
            throw new DaEnvelopeFormatException("no chunks to reassemble");
        }

        var key = chunks[0].Key;
        var byIndex = new DaEnvelopeChunk?[key.Count];
        foreach (var chunk in chunks)
        {
            if (chunk.Key != key)
            {
                throw new DaEnvelopeFormatException($"chunk {chunk.Index} belongs to another block than chunk {chunks[0].Index}");
            }

            byIndex[chunk.Index] ??= chunk;
        }

        long length = 0;
        for (var i = 0; i < byIndex.Length; i++)
        {
            length += byIndex[i]?.Payload.Length
                ?? throw new DaEnvelopeFormatException($"chunk {i} of {key.Count} of block {key.BlockHeight} is missing");
        }

        if (length != key.TotalLength)
        {
            throw new DaEnvelopeFormatException($"chunks of block {key.BlockHeight} hold {length} bytes, its envelope says {key.TotalLength}");
        }

        var block = new byte[length];
        var offset = 0;
        foreach (var chunk in byIndex)
        {
            chunk!.Value.Payload.Span.CopyTo(block.AsSpan(offset));
            offset += chunk.Value.Payload.Length;
        }

        if (Hash32.Compute(block) != key.BlockHash)
        {
            throw new DaEnvelopeFormatException($"block {key.BlockHeight} does not hash to the SHA-256 in its envelope");
        }

        return block;
    }

    private static void WriteHeader(Span<byte> destination, ulong height, ushort index, ushort count, uint total, Hash32 hash, uint payloadLength)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[6..], height);
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], index);
        BinaryPrimitives.WriteUInt16BigEndian(destination[16..], count);
        BinaryPrimitives.WriteUInt32BigEndian(destination[18..], total);
        hash.CopyTo(destination.Slice(22, Hash32.Length));
        BinaryPrimitives.WriteUInt32BigEndian(destination[54..], payloadLength);
    }
}
