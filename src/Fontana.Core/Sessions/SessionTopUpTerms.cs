using System.Buffers.Binary;

namespace Fontana.Core.Sessions;

/// <summary>
/// The session section of a <see cref="Transactions.TransactionKind.SessionTopUp"/> transaction (48 bytes):
/// session id (32) ‖ amount added u64 ‖ new expiry u64 (unix seconds; 0 keeps the current one), big-endian.
/// </summary>
/// <param name="SessionId">The session (its open transaction's txid).</param>
/// <param name="Amount">Added to the deposit; &gt; 0.</param>
/// <param name="Expiry">The new expiry, never earlier than the current one; 0 keeps it.</param>
public readonly record struct SessionTopUpTerms(Hash32 SessionId, Amount Amount, ulong Expiry)
{
    /// <summary>Encoded size in bytes.</summary>
    public const int EncodedLength = 48;

    /// <summary>Writes the 48-byte encoding.</summary>
    public void WriteTo(Span<byte> destination)
    {
        SessionId.CopyTo(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[32..], Amount.Utia);
        BinaryPrimitives.WriteUInt64BigEndian(destination[40..], Expiry);
    }

    /// <summary>Reads the 48-byte encoding (the caller checked the length).</summary>
    public static SessionTopUpTerms Read(ReadOnlySpan<byte> source) => new(
        Hash32.FromBytes(source[..32]),
        Amount.FromUtia(BinaryPrimitives.ReadUInt64BigEndian(source[32..])),
        BinaryPrimitives.ReadUInt64BigEndian(source[40..]));

    /// <summary>The 48-byte encoding.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        WriteTo(bytes);
        return bytes;
    }
}
