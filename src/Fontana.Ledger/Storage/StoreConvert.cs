using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Ledger.Storage;

/// <summary>Column encodings shared by both stores: outpoints as their 34-byte encoding, amounts as the bits of a signed 64-bit integer.</summary>
internal static class StoreConvert
{
    public static byte[] ToBytes(OutPoint outPoint)
    {
        var bytes = new byte[OutPoint.EncodedLength];
        outPoint.WriteTo(bytes);
        return bytes;
    }

    public static OutPoint ToOutPoint(ReadOnlySpan<byte> bytes) =>
        new(Hash32.FromBytes(bytes[..Hash32.Length]), System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes[Hash32.Length..]));

    /// <summary>utia are unsigned 64-bit; databases store signed 64-bit: the bits are kept, so sums must be done in code.</summary>
    public static long ToDb(Amount amount) => unchecked((long)amount.Utia);

    public static Amount ToAmount(long value) => Amount.FromUtia(unchecked((ulong)value));

    public static string ToDb(StoredBlockStatus status) => status == StoredBlockStatus.Posted ? "posted" : "sealed";

    public static StoredBlockStatus ToBlockStatus(string text) => text == "posted" ? StoredBlockStatus.Posted : StoredBlockStatus.Sealed;

    public static Hash32 ToHash(byte[] bytes) => Hash32.FromBytes(bytes);

    public static PublicKey ToKey(byte[] bytes) => PublicKey.FromBytes(bytes);
}
