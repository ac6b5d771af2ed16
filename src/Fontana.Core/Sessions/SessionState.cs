using System.Buffers.Binary;
using Fontana.Core.Crypto;

namespace Fontana.Core.Sessions;

/// <summary>
/// A payment session as the ledger keeps it (and commits it to the state tree): who pays whom, the voucher key, the
/// expiry, the deposit, what was claimed (and the counter of the voucher claimed), and whether it is closed.
/// What is still locked is <c>Deposit − Claimed</c> while open, nothing once closed.
/// </summary>
/// <param name="Id">The open transaction's txid.</param>
/// <param name="Payer">Signer of the open; receives the refund.</param>
/// <param name="Payee">The only claimant.</param>
/// <param name="SessionKey">Signs the vouchers.</param>
/// <param name="Expiry">Unix seconds from which the payer may reclaim.</param>
/// <param name="Deposit">Total locked (open plus top-ups).</param>
/// <param name="Claimed">Total paid to the payee so far (fees of claims included).</param>
/// <param name="Counter">Counter of the last voucher settled (0 before any).</param>
/// <param name="Closed">True once closed or reclaimed.</param>
public sealed record SessionState(
    Hash32 Id, PublicKey Payer, PublicKey Payee, PublicKey SessionKey, ulong Expiry, Amount Deposit, Amount Claimed, ulong Counter, bool Closed)
{
    /// <summary>Length of the state-tree value preimage.</summary>
    public const int EncodedLength = 32 + 32 + 32 + 32 + 8 + 8 + 8 + 8 + 1;

    private static ReadOnlySpan<byte> StateKeyTag => "fontana/session"u8;

    /// <summary>What the session still holds for the payee or the payer.</summary>
    public Amount Locked => Closed ? Amount.Zero : Deposit - Claimed;

    /// <summary>
    /// The session's key in the state tree: SHA-256("fontana/session" ‖ id), 47 bytes of preimage, so it can never
    /// equal an output's key (SHA-256 of a 34-byte outpoint).
    /// </summary>
    public static Hash32 StateKeyOf(Hash32 id)
    {
        Span<byte> buffer = stackalloc byte[15 + Hash32.Length];
        StateKeyTag.CopyTo(buffer);
        id.CopyTo(buffer[15..]);
        return Hash32.Compute(buffer);
    }

    /// <summary>The state-tree value: SHA-256 of the 161-byte encoding (id ‖ payer ‖ payee ‖ session key ‖ expiry ‖
    /// deposit ‖ claimed ‖ counter ‖ closed), integers big-endian.</summary>
    public Hash32 StateValue()
    {
        Span<byte> buffer = stackalloc byte[EncodedLength];
        Id.CopyTo(buffer);
        Payer.CopyTo(buffer[32..]);
        Payee.CopyTo(buffer[64..]);
        SessionKey.CopyTo(buffer[96..]);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[128..], Expiry);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[136..], Deposit.Utia);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[144..], Claimed.Utia);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[152..], Counter);
        buffer[160] = Closed ? (byte)1 : (byte)0;
        return Hash32.Compute(buffer);
    }
}
