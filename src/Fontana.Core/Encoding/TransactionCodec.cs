using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;

namespace Fontana.Core.Encoding;

/// <summary>
/// The canonical binary encoding of a <see cref="Transaction"/> (docs/protocol.md §2): fixed-width big-endian
/// integers, length-prefixed variable fields, no varints. Signed encoding = body ‖ 64-byte signature;
/// txid = SHA-256(body). Decoding accepts exactly one encoding per transaction and throws only
/// <see cref="FontanaFormatException"/>.
/// </summary>
public static class TransactionCodec
{
    /// <summary>Most inputs a transaction may spend: 256 (more is <c>too-many-inputs</c>).</summary>
    public const int MaxInputs = 256;

    /// <summary>Most outputs a transaction may create: 256 (more is <c>too-many-outputs</c>).</summary>
    public const int MaxOutputs = 256;

    /// <summary>Longest memo, in bytes: 64 (more is <c>memo-too-long</c>).</summary>
    public const int MaxMemoLength = 64;

    /// <summary>Maximum UTF-8 bytes of <see cref="Transaction.ExternalRef"/>.</summary>
    public const int MaxExternalRefLength = 128;

    /// <summary>Maximum size of a signed transaction encoding (16 KiB).</summary>
    public const int MaxEncodedLength = 16 * 1024;

    /// <summary>Bytes of the signer's Ed25519 signature that ends a signed transaction: 64.</summary>
    public const int SignatureLength = Ed25519.SignatureLength;

    /// <summary>Fixed part of the body: everything but the chain id, inputs, outputs, memo and external reference bytes.</summary>
    public const int FixedBodyLength = 57;

    /// <summary>Smallest possible signed encoding (1-character chain id, nothing else variable).</summary>
    public const int MinEncodedLength = FixedBodyLength + 1 + SignatureLength;

    /// <summary>Domain tag at the start of the transaction signing message.</summary>
    public const string SignatureDomain = "fontana/tx/v1";

    internal static ReadOnlySpan<byte> SignatureDomainBytes => "fontana/tx/v1"u8;

    private const int StackLimit = 1024;

    /// <summary>Length of the unsigned body (the txid preimage).</summary>
    public static int GetBodyLength(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return FixedBodyLength + transaction.ChainId.Length
            + (transaction.InputSpan.Length * OutPoint.EncodedLength)
            + (transaction.OutputSpan.Length * TxOutput.EncodedLength)
            + transaction.Memo.Length + transaction.ExternalRefByteCount + transaction.SessionData.Length;
    }

    /// <summary>Length of the signed encoding.</summary>
    public static int GetEncodedLength(Transaction transaction) => GetBodyLength(transaction) + SignatureLength;

    /// <summary>The signed encoding: body ‖ signature.</summary>
    public static byte[] Encode(Transaction transaction)
    {
        var bytes = new byte[GetEncodedLength(transaction)];
        Encode(transaction, bytes);
        return bytes;
    }

    /// <summary>Writes the signed encoding into <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetEncodedLength"/>.</exception>
    public static int Encode(Transaction transaction, Span<byte> destination)
    {
        var length = GetEncodedLength(transaction);
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the transaction needs {length}", nameof(destination));
        }

        var bodyLength = WriteBody(transaction, destination);
        transaction.Signature.Span.CopyTo(destination[bodyLength..]);
        return length;
    }

    /// <summary>The unsigned body encoding (the txid preimage).</summary>
    public static byte[] EncodeBody(Transaction transaction)
    {
        var bytes = new byte[GetBodyLength(transaction)];
        WriteBody(transaction, bytes);
        return bytes;
    }

    /// <summary>Decodes a signed encoding; throws <see cref="FontanaFormatException"/> for anything non-canonical.</summary>
    public static Transaction Decode(ReadOnlySpan<byte> data)
    {
        var error = DecodeCore(data, out var transaction);
        return error is null ? transaction! : throw error;
    }

    /// <summary>Decodes a signed transaction; false (never an exception) when the bytes are not a canonical encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out Transaction? transaction) =>
        DecodeCore(data, out transaction) is null;

    /// <summary>Decodes without throwing; on failure <paramref name="error"/> holds the (unthrown) exception with its code.</summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> data, [NotNullWhen(true)] out Transaction? transaction, [NotNullWhen(false)] out FontanaFormatException? error)
    {
        error = DecodeCore(data, out transaction);
        return error is null;
    }

    internal static Hash32 ComputeTxId(Transaction transaction)
    {
        var length = GetBodyLength(transaction);
        if (length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            WriteBody(transaction, buffer);
            return Hash32.Compute(buffer[..length]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            WriteBody(transaction, rented);
            return Hash32.Compute(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static int WriteBody(Transaction transaction, Span<byte> destination)
    {
        var writer = new ByteWriter(destination);
        writer.WriteU8(transaction.Version);
        writer.WriteAsciiWithLength(transaction.ChainId);
        writer.WriteU8((byte)transaction.Kind);
        writer.WriteU16((ushort)transaction.InputSpan.Length);
        foreach (var input in transaction.InputSpan)
        {
            writer.WriteOutPoint(input);
        }

        writer.WriteU16((ushort)transaction.OutputSpan.Length);
        foreach (var output in transaction.OutputSpan)
        {
            writer.WritePublicKey(output.Address.PublicKey);
            writer.WriteU64(output.Amount.Utia);
        }

        writer.WriteU64(transaction.Fee.Utia);
        writer.WriteU8((byte)transaction.Memo.Length);
        writer.WriteBytes(transaction.Memo.Span);
        writer.WriteU64(transaction.Expiry);
        writer.WriteUtf8WithLength(transaction.ExternalRef, transaction.ExternalRefByteCount);
        writer.WriteBytes(transaction.SessionData.Span);
        writer.WritePublicKey(transaction.Signer);
        return writer.Position;
    }

    internal static FontanaFormatException? DecodeCore(ReadOnlySpan<byte> data, out Transaction? transaction)
    {
        transaction = null;
        if (data.Length > MaxEncodedLength)
        {
            return Fail(FormatErrorCode.TooLarge, $"transaction is {data.Length} bytes; the limit is {MaxEncodedLength}");
        }

        var reader = new ByteReader(data);
        if (!reader.TryReadU8(out var version))
        {
            return Truncated("version", 0);
        }

        if (version != Transaction.CurrentVersion)
        {
            return Fail(FormatErrorCode.BadVersion, $"transaction version {version} is not supported (expected {Transaction.CurrentVersion})");
        }

        if (!reader.TryReadU8(out var chainIdLength))
        {
            return Truncated("chain id length", reader.Position);
        }

        if (chainIdLength is < ChainIdFormat.MinLength or > ChainIdFormat.MaxLength)
        {
            return Fail(FormatErrorCode.BadChainId, $"chain id length {chainIdLength} is outside 1..{ChainIdFormat.MaxLength}");
        }

        if (!reader.TryReadBytes(chainIdLength, out var chainIdBytes))
        {
            return Truncated("chain id", reader.Position);
        }

        if (!ChainIdFormat.IsValid(chainIdBytes))
        {
            return Fail(FormatErrorCode.BadChainId, "chain id has a byte outside [a-z0-9-]");
        }

        if (!reader.TryReadU8(out var kindByte))
        {
            return Truncated("kind", reader.Position);
        }

        if (kindByte is < (byte)TransactionKind.Transfer or > (byte)TransactionKind.SessionReclaim)
        {
            return Fail(FormatErrorCode.BadKind, $"transaction kind {kindByte} is not defined (1..9)");
        }

        var inputsError = ReadInputs(ref reader, out var inputs);
        if (inputsError is not null)
        {
            return inputsError;
        }

        var outputsError = ReadOutputs(ref reader, out var outputs);
        if (outputsError is not null)
        {
            return outputsError;
        }

        if (!reader.TryReadU64(out var fee))
        {
            return Truncated("fee", reader.Position);
        }

        if (!reader.TryReadU8(out var memoLength))
        {
            return Truncated("memo length", reader.Position);
        }

        if (memoLength > MaxMemoLength)
        {
            return Fail(FormatErrorCode.MemoTooLong, $"memo is {memoLength} bytes; the limit is {MaxMemoLength}");
        }

        if (!reader.TryReadBytes(memoLength, out var memo))
        {
            return Truncated("memo", reader.Position);
        }

        if (!reader.TryReadU64(out var expiry))
        {
            return Truncated("expiry", reader.Position);
        }

        if (!reader.TryReadU8(out var externalRefLength))
        {
            return Truncated("external reference length", reader.Position);
        }

        if (externalRefLength > MaxExternalRefLength)
        {
            return Fail(FormatErrorCode.ExternalRefTooLong, $"external reference is {externalRefLength} bytes; the limit is {MaxExternalRefLength}");
        }

        if (!reader.TryReadBytes(externalRefLength, out var externalRefBytes))
        {
            return Truncated("external reference", reader.Position);
        }

        if (!Utf8.IsValid(externalRefBytes))
        {
            return Fail(FormatErrorCode.BadExternalRef, "external reference is not well-formed UTF-8");
        }

        var sectionLength = SessionSection.LengthOf((TransactionKind)kindByte);
        if (!reader.TryReadBytes(sectionLength, out var sessionData))
        {
            return Truncated("session section", reader.Position);
        }

        if (!reader.TryReadBytes(PublicKey.Length, out var signer))
        {
            return Truncated("signer", reader.Position);
        }

        var bodyLength = reader.Position;
        if (!reader.TryReadBytes(SignatureLength, out var signature))
        {
            return Truncated("signature", reader.Position);
        }

        if (reader.Remaining != 0)
        {
            return Fail(FormatErrorCode.TrailingBytes, $"{reader.Remaining} bytes follow the transaction");
        }

        // One allocation holds the memo, the signature and the session section.
        var blob = new byte[memoLength + SignatureLength + sectionLength];
        memo.CopyTo(blob);
        signature.CopyTo(blob.AsSpan(memoLength));
        sessionData.CopyTo(blob.AsSpan(memoLength + SignatureLength));
        transaction = new Transaction(
            version,
            ChainIdFormat.GetString(chainIdBytes),
            (TransactionKind)kindByte,
            inputs,
            outputs,
            Amount.FromUtia(fee),
            new ReadOnlyMemory<byte>(blob, 0, memoLength),
            expiry,
            externalRefLength == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(externalRefBytes),
            externalRefLength,
            PublicKey.FromBytes(signer),
            new ReadOnlyMemory<byte>(blob, memoLength, SignatureLength),
            new ReadOnlyMemory<byte>(blob, memoLength + SignatureLength, sectionLength),
            Hash32.Compute(data[..bodyLength]));
        return null;
    }

    private static FontanaFormatException? ReadInputs(ref ByteReader reader, out OutPoint[] inputs)
    {
        inputs = [];
        if (!reader.TryReadU16(out var count))
        {
            return Truncated("input count", reader.Position);
        }

        if (count > MaxInputs)
        {
            return Fail(FormatErrorCode.TooManyInputs, $"transaction has {count} inputs; the limit is {MaxInputs}");
        }

        if (reader.Remaining < count * OutPoint.EncodedLength)
        {
            return Truncated("inputs", reader.Position);
        }

        if (count == 0)
        {
            return null;
        }

        inputs = new OutPoint[count];
        for (var i = 0; i < inputs.Length; i++)
        {
            reader.TryReadHash(out var txId);
            reader.TryReadU16(out var index);
            inputs[i] = new OutPoint(txId, index);
        }

        return null;
    }

    private static FontanaFormatException? ReadOutputs(ref ByteReader reader, out TxOutput[] outputs)
    {
        outputs = [];
        if (!reader.TryReadU16(out var count))
        {
            return Truncated("output count", reader.Position);
        }

        if (count > MaxOutputs)
        {
            return Fail(FormatErrorCode.TooManyOutputs, $"transaction has {count} outputs; the limit is {MaxOutputs}");
        }

        if (reader.Remaining < count * TxOutput.EncodedLength)
        {
            return Truncated("outputs", reader.Position);
        }

        if (count == 0)
        {
            return null;
        }

        outputs = new TxOutput[count];
        for (var i = 0; i < outputs.Length; i++)
        {
            reader.TryReadBytes(PublicKey.Length, out var key);
            reader.TryReadU64(out var amount);
            outputs[i] = new TxOutput(new Address(PublicKey.FromBytes(key)), Amount.FromUtia(amount));
        }

        return null;
    }

    private static FontanaFormatException Truncated(string field, int offset) =>
        new(FormatErrorCode.Truncated, $"transaction ends inside the {field} (at byte {offset})");

    private static FontanaFormatException Fail(string code, string message) => new(code, message);
}
