using System.Buffers.Binary;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Core.Sessions;

/// <summary>
/// A payer's promise inside a session: "the payee may take <see cref="Cumulative"/> in total from session
/// <see cref="SessionId"/>". Each call sends a voucher with a higher counter and a cumulative amount that never goes
/// down; only the latest matters. Signed by the session key over
/// <c>"fontana/voucher/v1" ‖ u8 len(chainId) ‖ chainId ‖ sessionId ‖ u64 cumulative ‖ u64 counter</c>.
/// </summary>
/// <param name="SessionId">The session (its open transaction's txid): binds the voucher to one payer, payee and chain.</param>
/// <param name="Cumulative">Total owed to the payee since the session opened.</param>
/// <param name="Counter">Strictly increasing per session (1 for the first voucher).</param>
public readonly record struct Voucher(Hash32 SessionId, Amount Cumulative, ulong Counter)
{
    /// <summary>Encoded size without the signature: session id ‖ cumulative u64 ‖ counter u64.</summary>
    public const int EncodedLength = 48;

    /// <summary>Domain tag of the voucher signing message.</summary>
    public const string SignatureDomain = "fontana/voucher/v1";

    private static ReadOnlySpan<byte> SignatureDomainBytes => "fontana/voucher/v1"u8;

    /// <summary>True for the all-zero voucher a close without a final voucher carries.</summary>
    public bool IsNone => SessionId.IsZero && Cumulative.IsZero && Counter == 0;

    /// <summary>Writes the 48-byte encoding.</summary>
    public void WriteTo(Span<byte> destination)
    {
        SessionId.CopyTo(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[32..], Cumulative.Utia);
        BinaryPrimitives.WriteUInt64BigEndian(destination[40..], Counter);
    }

    /// <summary>Reads the 48-byte encoding (the caller checked the length).</summary>
    public static Voucher Read(ReadOnlySpan<byte> source) => new(
        Hash32.FromBytes(source[..32]),
        Amount.FromUtia(BinaryPrimitives.ReadUInt64BigEndian(source[32..])),
        BinaryPrimitives.ReadUInt64BigEndian(source[40..]));

    /// <summary>The bytes the session key signs on chain <paramref name="chainId"/>.</summary>
    public int WriteSigningMessage(string chainId, Span<byte> destination)
    {
        var length = SigningMessage.WritePrefix(SignatureDomainBytes, chainId, destination);
        WriteTo(destination[length..]);
        return length + EncodedLength;
    }

    /// <summary>Signs this voucher with the session key for chain <paramref name="chainId"/>.</summary>
    public SignedVoucher Sign(PrivateKey sessionKey, string chainId)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(chainId, message);
        var signature = new byte[Ed25519.SignatureLength];
        sessionKey.Sign(message[..length], signature);
        return new SignedVoucher(this, signature);
    }

    /// <summary>True when <paramref name="signature"/> is <paramref name="sessionKey"/>'s signature of this voucher on <paramref name="chainId"/>.</summary>
    public bool Verify(PublicKey sessionKey, string chainId, ReadOnlySpan<byte> signature)
    {
        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(chainId, message);
        return Ed25519.Verify(sessionKey, message[..length], signature);
    }

    /// <inheritdoc />
    public override string ToString() => $"voucher {SessionId} #{Counter} {Cumulative.ToUtiaString()}";
}
