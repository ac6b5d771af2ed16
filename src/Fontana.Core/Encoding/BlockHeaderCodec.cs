using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;

namespace Fontana.Core.Encoding;

/// <summary>
/// The canonical binary encoding of a <see cref="BlockHeader"/> (docs/protocol.md §4):
/// version u8 ‖ len u8 ‖ chainId ‖ height u64 ‖ previousHash 32 ‖ timestamp u64 ‖ txCount u32 ‖ txRoot 32 ‖ stateRoot 32
/// ‖ signature 64, big-endian. Decoding throws only <see cref="FontanaFormatException"/>.
/// </summary>
public static class BlockHeaderCodec
{
    /// <summary>Bytes of the sequencer signature that ends a header encoding: 64.</summary>
    public const int SignatureLength = Ed25519.SignatureLength;

    /// <summary>Unsigned length without the chain id bytes.</summary>
    public const int FixedUnsignedLength = 118;

    /// <summary>Largest signed header (32-byte chain id).</summary>
    public const int MaxEncodedLength = FixedUnsignedLength + ChainIdFormat.MaxLength + SignatureLength;

    /// <summary>Length of the unsigned encoding (the block hash preimage).</summary>
    public static int GetUnsignedLength(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return FixedUnsignedLength + header.ChainId.Length;
    }

    /// <summary>Bytes of the signed header encoding (the unsigned fields, then the 64-byte signature).</summary>
    public static int GetEncodedLength(BlockHeader header) => GetUnsignedLength(header) + SignatureLength;

    /// <summary>The signed encoding.</summary>
    public static byte[] Encode(BlockHeader header)
    {
        var bytes = new byte[GetEncodedLength(header)];
        Encode(header, bytes);
        return bytes;
    }

    /// <summary>Writes the signed encoding; returns the bytes written.</summary>
    public static int Encode(BlockHeader header, Span<byte> destination)
    {
        var length = GetEncodedLength(header);
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the header needs {length}", nameof(destination));
        }

        var unsignedLength = WriteUnsigned(header, destination);
        header.Signature.Span.CopyTo(destination[unsignedLength..]);
        return length;
    }

    /// <summary>The encoding without the signature (the block hash preimage).</summary>
    public static byte[] EncodeUnsigned(BlockHeader header)
    {
        var bytes = new byte[GetUnsignedLength(header)];
        WriteUnsigned(header, bytes);
        return bytes;
    }

    /// <summary>Decodes a signed header encoding (the signature is read, not verified: see <see cref="BlockHeader.VerifySignature"/>).</summary>
    /// <exception cref="FontanaFormatException">The bytes are not canonical; <see cref="FontanaFormatException.Code"/> says why
    /// (<c>truncated</c>, <c>bad-version</c>, <c>bad-chain-id</c>, <c>trailing-bytes</c>).</exception>
    public static BlockHeader Decode(ReadOnlySpan<byte> data)
    {
        var error = DecodeAll(data, out var header);
        return error is null ? header! : throw error;
    }

    /// <summary>Decodes a signed header encoding; false (never an exception) when the bytes are not one.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out BlockHeader? header) => DecodeAll(data, out header) is null;

    /// <summary>Decodes a signed header encoding; on failure <paramref name="error"/> holds the code and reason, as <see cref="Decode"/> would throw.</summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> data, [NotNullWhen(true)] out BlockHeader? header, [NotNullWhen(false)] out FontanaFormatException? error)
    {
        error = DecodeAll(data, out header);
        return error is null;
    }

    internal static Hash32 ComputeHash(BlockHeader header)
    {
        Span<byte> buffer = stackalloc byte[MaxEncodedLength];
        var length = WriteUnsigned(header, buffer);
        return Hash32.Compute(buffer[..length]);
    }

    /// <summary>Reads one signed header from <paramref name="reader"/> (used by <see cref="BlockCodec"/> too).</summary>
    internal static FontanaFormatException? Read(ref ByteReader reader, out BlockHeader? header)
    {
        header = null;
        if (!reader.TryReadU8(out var version))
        {
            return Truncated("version", reader.Position);
        }

        if (version != BlockHeader.CurrentVersion)
        {
            return new FontanaFormatException(
                FormatErrorCode.BadVersion, $"block header version {version} is not supported (expected {BlockHeader.CurrentVersion})");
        }

        if (!reader.TryReadU8(out var chainIdLength))
        {
            return Truncated("chain id length", reader.Position);
        }

        if (chainIdLength is < ChainIdFormat.MinLength or > ChainIdFormat.MaxLength)
        {
            return new FontanaFormatException(FormatErrorCode.BadChainId, $"chain id length {chainIdLength} is outside 1..{ChainIdFormat.MaxLength}");
        }

        if (!reader.TryReadBytes(chainIdLength, out var chainId))
        {
            return Truncated("chain id", reader.Position);
        }

        if (!ChainIdFormat.IsValid(chainId))
        {
            return new FontanaFormatException(FormatErrorCode.BadChainId, "chain id has a byte outside [a-z0-9-]");
        }

        if (!reader.TryReadU64(out var height)
            || !reader.TryReadHash(out var previousHash)
            || !reader.TryReadU64(out var timestamp)
            || !reader.TryReadU32(out var txCount)
            || !reader.TryReadHash(out var txRoot)
            || !reader.TryReadHash(out var stateRoot))
        {
            return Truncated("fixed fields", reader.Position);
        }

        if (!reader.TryReadBytes(SignatureLength, out var signature))
        {
            return Truncated("signature", reader.Position);
        }

        header = new BlockHeader(
            version, ChainIdFormat.GetString(chainId), height, previousHash, timestamp, txCount, txRoot, stateRoot, signature.ToArray());
        return null;
    }

    private static FontanaFormatException? DecodeAll(ReadOnlySpan<byte> data, out BlockHeader? header)
    {
        header = null;
        if (data.Length > MaxEncodedLength)
        {
            return new FontanaFormatException(FormatErrorCode.TooLarge, $"block header is {data.Length} bytes; the limit is {MaxEncodedLength}");
        }

        var reader = new ByteReader(data);
        var error = Read(ref reader, out header);
        if (error is null && reader.Remaining != 0)
        {
            header = null;
            return new FontanaFormatException(FormatErrorCode.TrailingBytes, $"{reader.Remaining} bytes follow the block header");
        }

        return error;
    }

    private static int WriteUnsigned(BlockHeader header, Span<byte> destination)
    {
        var writer = new ByteWriter(destination);
        writer.WriteU8(header.Version);
        writer.WriteAsciiWithLength(header.ChainId);
        writer.WriteU64(header.Height);
        writer.WriteHash(header.PreviousHash);
        writer.WriteU64(header.Timestamp);
        writer.WriteU32(header.TxCount);
        writer.WriteHash(header.TxRoot);
        writer.WriteHash(header.StateRoot);
        return writer.Position;
    }

    private static FontanaFormatException Truncated(string field, int offset) =>
        new(FormatErrorCode.Truncated, $"block header ends inside the {field} (at byte {offset})");
}
