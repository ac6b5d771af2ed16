using System.Buffers.Binary;
using Fontana.Core.Crypto;

namespace Fontana.Core.Encoding;

/// <summary>Writes big-endian fixed-width fields into a span the caller sized exactly (see the codecs' length functions).</summary>
internal ref struct ByteWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public ByteWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteU8(byte value) => _buffer[_position++] = value;

    public void WriteU16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteU32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void WriteU64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer[_position..], value);
        _position += 8;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteHash(Hash32 hash)
    {
        hash.CopyTo(_buffer[_position..]);
        _position += Hash32.Length;
    }

    public void WritePublicKey(PublicKey key)
    {
        key.CopyTo(_buffer[_position..]);
        _position += PublicKey.Length;
    }

    public void WriteOutPoint(OutPoint outPoint)
    {
        outPoint.WriteTo(_buffer[_position..]);
        _position += OutPoint.EncodedLength;
    }

    /// <summary>Writes a u8 length then the ASCII bytes of <paramref name="ascii"/> (caller has checked it is ASCII, ≤ 255).</summary>
    public void WriteAsciiWithLength(string ascii)
    {
        WriteU8((byte)ascii.Length);
        _position += System.Text.Encoding.ASCII.GetBytes(ascii, _buffer[_position..]);
    }

    /// <summary>Writes a u8 length then the UTF-8 bytes of <paramref name="text"/> (caller knows the byte count fits).</summary>
    public void WriteUtf8WithLength(string text, int byteCount)
    {
        WriteU8((byte)byteCount);
        _position += System.Text.Encoding.UTF8.GetBytes(text, _buffer[_position..]);
    }
}
