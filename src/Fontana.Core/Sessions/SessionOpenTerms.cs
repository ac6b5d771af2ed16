using System.Buffers.Binary;
using Fontana.Core.Crypto;

namespace Fontana.Core.Sessions;

/// <summary>
/// The session section of a <see cref="Transactions.TransactionKind.SessionOpen"/> transaction (80 bytes):
/// payee public key (32) ‖ session public key (32) ‖ expiry u64 (unix seconds) ‖ deposit u64 (utia), big-endian.
/// </summary>
/// <param name="Payee">The only party that can claim from the session (and whose address receives the claims).</param>
/// <param name="SessionKey">The Ed25519 key that signs the session's vouchers (held by the payer, not its wallet key).</param>
/// <param name="Expiry">Unix seconds from which the payer may reclaim what was never claimed.</param>
/// <param name="Deposit">The amount locked for the payee.</param>
public readonly record struct SessionOpenTerms(PublicKey Payee, PublicKey SessionKey, ulong Expiry, Amount Deposit)
{
    /// <summary>Encoded size in bytes.</summary>
    public const int EncodedLength = 80;

    /// <summary>Writes the 80-byte encoding.</summary>
    public void WriteTo(Span<byte> destination)
    {
        Payee.CopyTo(destination);
        SessionKey.CopyTo(destination[32..]);
        BinaryPrimitives.WriteUInt64BigEndian(destination[64..], Expiry);
        BinaryPrimitives.WriteUInt64BigEndian(destination[72..], Deposit.Utia);
    }

    /// <summary>Reads the 80-byte encoding (the caller checked the length).</summary>
    public static SessionOpenTerms Read(ReadOnlySpan<byte> source) => new(
        PublicKey.FromBytes(source[..32]),
        PublicKey.FromBytes(source[32..64]),
        BinaryPrimitives.ReadUInt64BigEndian(source[64..]),
        Amount.FromUtia(BinaryPrimitives.ReadUInt64BigEndian(source[72..])));

    /// <summary>The 80-byte encoding.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        WriteTo(bytes);
        return bytes;
    }
}
