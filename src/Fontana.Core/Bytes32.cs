using System.Buffers.Binary;

namespace Fontana.Core;

/// <summary>
/// 32 bytes held as four big-endian words, so equality is four compares and ordering is lexicographic.
/// Shared storage for <see cref="Hash32"/> and <see cref="Crypto.PublicKey"/>.
/// </summary>
internal readonly struct Bytes32 : IEquatable<Bytes32>, IComparable<Bytes32>
{
    public const int Length = 32;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    public Bytes32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"expected {Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Bit <paramref name="index"/> counted from the most significant bit of byte 0 (0..255).</summary>
    public int GetBit(int index)
    {
        var word = (index >> 6) switch
        {
            0 => _w0,
            1 => _w1,
            2 => _w2,
            3 => _w3,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
        return (int)((word >> (63 - (index & 63))) & 1);
    }

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool TryParseHex(ReadOnlySpan<char> hex, out Bytes32 value)
    {
        value = default;
        if (hex.Length != Length * 2)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length)
        {
            return false;
        }

        value = new Bytes32(bytes);
        return true;
    }

    public bool Equals(Bytes32 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    public override bool Equals(object? obj) => obj is Bytes32 other && Equals(other);

    public override int GetHashCode() => (int)_w0 ^ (int)(_w0 >> 32) ^ (int)_w3;

    public int CompareTo(Bytes32 other)
    {
        var c = _w0.CompareTo(other._w0);
        if (c != 0)
        {
            return c;
        }

        c = _w1.CompareTo(other._w1);
        if (c != 0)
        {
            return c;
        }

        c = _w2.CompareTo(other._w2);
        return c != 0 ? c : _w3.CompareTo(other._w3);
    }
}
