using System.Buffers.Binary;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;

namespace Fontana.AspNetCore.Sessions;

/// <summary>Stores a <see cref="SessionState"/> as 161 bytes, the layout of its state-tree value (docs/protocol.md §4a).</summary>
internal static class SessionTermsCodec
{
    public static byte[] Encode(SessionState s)
    {
        var buffer = new byte[SessionState.EncodedLength];
        s.Id.CopyTo(buffer);
        s.Payer.CopyTo(buffer.AsSpan(32));
        s.Payee.CopyTo(buffer.AsSpan(64));
        s.SessionKey.CopyTo(buffer.AsSpan(96));
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(128), s.Expiry);
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(136), s.Deposit.Utia);
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(144), s.Claimed.Utia);
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(152), s.Counter);
        buffer[160] = s.Closed ? (byte)1 : (byte)0;
        return buffer;
    }

    public static SessionState Decode(ReadOnlySpan<byte> b) => new(
        Hash32.FromBytes(b[..32]),
        PublicKey.FromBytes(b[32..64]),
        PublicKey.FromBytes(b[64..96]),
        PublicKey.FromBytes(b[96..128]),
        BinaryPrimitives.ReadUInt64BigEndian(b[128..]),
        Amount.FromUtia(BinaryPrimitives.ReadUInt64BigEndian(b[136..])),
        Amount.FromUtia(BinaryPrimitives.ReadUInt64BigEndian(b[144..])),
        BinaryPrimitives.ReadUInt64BigEndian(b[152..]),
        b[160] != 0);
}
