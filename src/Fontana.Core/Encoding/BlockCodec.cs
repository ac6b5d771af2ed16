using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Blocks;
using Fontana.Core.Transactions;

namespace Fontana.Core.Encoding;

/// <summary>
/// The canonical binary encoding of a <see cref="Block"/>, the bytes posted to data availability
/// (docs/protocol.md §5): signed header ‖ u32 count ‖ count × (u32 length ‖ signed transaction encoding).
/// Decoding checks every transaction's encoding and that count = header.TxCount (not the Merkle roots: that is
/// replay's job). It throws only <see cref="FontanaFormatException"/>.
/// </summary>
public static class BlockCodec
{
    /// <summary>Bytes of the encoding: the signed header, a u32 transaction count and each transaction prefixed by its u32 length.</summary>
    public static int GetEncodedLength(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        long length = BlockHeaderCodec.GetEncodedLength(block.Header) + 4;
        foreach (var transaction in block.TransactionSpan)
        {
            length += 4 + TransactionCodec.GetEncodedLength(transaction);
        }

        return length <= Array.MaxLength ? (int)length : throw new InvalidOperationException($"block encodes to {length} bytes, more than an array holds");
    }

    /// <summary>The canonical block encoding (docs/protocol.md §4), the bytes posted to data availability.</summary>
    public static byte[] Encode(Block block)
    {
        var bytes = new byte[GetEncodedLength(block)];
        Encode(block, bytes);
        return bytes;
    }

    /// <summary>Writes the block encoding; returns the bytes written.</summary>
    public static int Encode(Block block, Span<byte> destination)
    {
        var length = GetEncodedLength(block);
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the block needs {length}", nameof(destination));
        }

        var position = BlockHeaderCodec.Encode(block.Header, destination);
        var writer = new ByteWriter(destination[position..]);
        writer.WriteU32((uint)block.TransactionSpan.Length);
        position += writer.Position;
        foreach (var transaction in block.TransactionSpan)
        {
            var txLength = TransactionCodec.GetEncodedLength(transaction);
            writer = new ByteWriter(destination[position..]);
            writer.WriteU32((uint)txLength);
            position += writer.Position;
            position += TransactionCodec.Encode(transaction, destination[position..]);
        }

        return position;
    }

    /// <summary>Decodes a canonical block encoding.</summary>
    /// <exception cref="FontanaFormatException">The bytes are not canonical; <see cref="FontanaFormatException.Code"/> says why
    /// (<c>truncated</c>, <c>tx-count-mismatch</c>, <c>bad-tx-length</c>, <c>trailing-bytes</c>, or a header or transaction code).</exception>
    public static Block Decode(ReadOnlySpan<byte> data)
    {
        var error = DecodeCore(data, out var block);
        return error is null ? block! : throw error;
    }

    /// <summary>Decodes a canonical block encoding; false (never an exception) when the bytes are not one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out Block? block) => DecodeCore(data, out block) is null;

    /// <summary>Decodes a canonical block encoding; on failure <paramref name="error"/> holds the code and reason, as <see cref="Decode"/> would throw.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out Block? block, [NotNullWhen(false)] out FontanaFormatException? error)
    {
        error = DecodeCore(data, out block);
        return error is null;
    }

    private static FontanaFormatException? DecodeCore(ReadOnlySpan<byte> data, out Block? block)
    {
        block = null;
        var reader = new ByteReader(data);
        var headerError = BlockHeaderCodec.Read(ref reader, out var header);
        if (headerError is not null)
        {
            return new FontanaFormatException(headerError.Code, "block header: " + headerError.Message);
        }

        if (!reader.TryReadU32(out var count))
        {
            return new FontanaFormatException(FormatErrorCode.Truncated, $"block ends inside the transaction count (at byte {reader.Position})");
        }

        if (count != header!.TxCount)
        {
            return new FontanaFormatException(FormatErrorCode.TxCountMismatch, $"block holds {count} transactions but its header counts {header.TxCount}");
        }

        // Each transaction takes at least 4 + MinEncodedLength bytes: refuse impossible counts before allocating.
        if (count > (ulong)reader.Remaining / (4 + TransactionCodec.MinEncodedLength))
        {
            return new FontanaFormatException(FormatErrorCode.Truncated, $"block is too short to hold {count} transactions");
        }

        var transactions = count == 0 ? [] : new Transaction[count];
        for (var i = 0; i < transactions.Length; i++)
        {
            if (!reader.TryReadU32(out var length))
            {
                return new FontanaFormatException(FormatErrorCode.Truncated, $"block ends inside the length of transaction {i}");
            }

            if (length is < TransactionCodec.MinEncodedLength or > TransactionCodec.MaxEncodedLength)
            {
                return new FontanaFormatException(
                    FormatErrorCode.BadTxLength,
                    $"transaction {i} length {length} is outside {TransactionCodec.MinEncodedLength}..{TransactionCodec.MaxEncodedLength}");
            }

            if (!reader.TryReadBytes((int)length, out var bytes))
            {
                return new FontanaFormatException(FormatErrorCode.Truncated, $"block ends inside transaction {i}");
            }

            var txError = TransactionCodec.DecodeCore(bytes, out var transaction);
            if (txError is not null)
            {
                return new FontanaFormatException(txError.Code, $"transaction {i}: {txError.Message}");
            }

            transactions[i] = transaction!;
        }

        if (reader.Remaining != 0)
        {
            return new FontanaFormatException(FormatErrorCode.TrailingBytes, $"{reader.Remaining} bytes follow the block");
        }

        block = new Block(header, transactions);
        return null;
    }
}
