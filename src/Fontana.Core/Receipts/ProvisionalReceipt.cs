using System.Buffers.Binary;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Core.Receipts;

/// <summary>
/// The sequencer's promise that a transaction is durably committed: txid, ledger sequence number and acceptance
/// time, signed over ASCII "fontana/receipt/v1" ‖ u8 len(chainId) ‖ chainId ‖ txid ‖ u64 sequence ‖ u64 acceptedAt
/// (big-endian). Checkable offline with the chain id and the sequencer's public key.
/// </summary>
public sealed class ProvisionalReceipt
{
    /// <summary>The ASCII domain tag that starts the signed message, so a receipt signature cannot be taken for any other.</summary>
    public const string SignatureDomain = "fontana/receipt/v1";

    /// <summary>Bytes of the sequencer's Ed25519 signature: 64.</summary>
    public const int SignatureLength = Ed25519.SignatureLength;

    private static ReadOnlySpan<byte> SignatureDomainBytes => "fontana/receipt/v1"u8;

    /// <exception cref="ArgumentException"><paramref name="sequencerSignature"/> is not 64 bytes.</exception>
    public ProvisionalReceipt(Hash32 txId, ulong sequence, ulong acceptedAt, ReadOnlyMemory<byte> sequencerSignature)
    {
        if (sequencerSignature.Length != SignatureLength)
        {
            throw new ArgumentException($"the sequencer signature is {SignatureLength} bytes", nameof(sequencerSignature));
        }

        TxId = txId;
        Sequence = sequence;
        AcceptedAt = acceptedAt;
        SequencerSignature = sequencerSignature.ToArray();
    }

    /// <summary>The id of the committed transaction.</summary>
    public Hash32 TxId { get; }

    /// <summary>The ledger's sequence number for the transaction (its position in commit order).</summary>
    public ulong Sequence { get; }

    /// <summary>When the ledger committed the transaction, in unix milliseconds.</summary>
    public ulong AcceptedAt { get; }

    /// <summary>The sequencer key's 64-byte Ed25519 signature over the receipt's signing message (see the type's summary).</summary>
    public ReadOnlyMemory<byte> SequencerSignature { get; }

    /// <summary>Signs a receipt for <paramref name="txId"/> with the sequencer key.</summary>
    public static ProvisionalReceipt Sign(string chainId, Hash32 txId, ulong sequence, ulong acceptedAt, PrivateKey sequencerKey)
    {
        ChainIdFormat.ThrowIfInvalid(chainId, nameof(chainId));
        ArgumentNullException.ThrowIfNull(sequencerKey);
        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(chainId, txId, sequence, acceptedAt, message);
        return new ProvisionalReceipt(txId, sequence, acceptedAt, sequencerKey.Sign(message[..length]));
    }

    /// <summary>True when the receipt was signed by <paramref name="sequencerKey"/> for <paramref name="chainId"/>.</summary>
    public bool Verify(string chainId, PublicKey sequencerKey)
    {
        if (!ChainIdFormat.IsValid(chainId))
        {
            return false;
        }

        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(chainId, TxId, Sequence, AcceptedAt, message);
        return Ed25519.Verify(sequencerKey, message[..length], SequencerSignature.Span);
    }

    /// <summary>The bytes a receipt signature covers.</summary>
    public static byte[] GetSigningMessage(string chainId, Hash32 txId, ulong sequence, ulong acceptedAt)
    {
        ChainIdFormat.ThrowIfInvalid(chainId, nameof(chainId));
        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        return message[..WriteSigningMessage(chainId, txId, sequence, acceptedAt, message)].ToArray();
    }

    /// <summary>For logs: txid and sequence number.</summary>
    public override string ToString() => $"receipt {TxId} #{Sequence}";

    private static int WriteSigningMessage(string chainId, Hash32 txId, ulong sequence, ulong acceptedAt, Span<byte> destination)
    {
        var length = SigningMessage.WritePrefix(SignatureDomainBytes, chainId, destination);
        txId.CopyTo(destination[length..]);
        length += Hash32.Length;
        BinaryPrimitives.WriteUInt64BigEndian(destination[length..], sequence);
        BinaryPrimitives.WriteUInt64BigEndian(destination[(length + 8)..], acceptedAt);
        return length + 16;
    }
}
