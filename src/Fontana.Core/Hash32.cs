namespace Fontana.Core;

/// <summary>A SHA-256 digest (32 bytes). Text form: 64 lowercase hex characters.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    /// <summary>Bytes in a digest: 32.</summary>
    public const int Length = 32;

    /// <summary>32 zero bytes (also <c>default</c>): "no hash", e.g. the previous hash field where none applies.</summary>
    public static readonly Hash32 Zero;

    private readonly Bytes32 _bytes;

    private Hash32(Bytes32 bytes) => _bytes = bytes;

    /// <summary>True when all 32 bytes are zero (<see cref="Zero"/>).</summary>
    public bool IsZero => _bytes.IsZero;

    /// <summary>Wraps exactly 32 bytes; throws <see cref="ArgumentException"/> for any other length.</summary>
    public static Hash32 FromBytes(ReadOnlySpan<byte> bytes) => new(new Bytes32(bytes));

    /// <summary>SHA-256 of <paramref name="data"/>.</summary>
    public static Hash32 Compute(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Length];
        Crypto.Sha256.Hash(data, digest);
        return FromBytes(digest);
    }

    /// <summary>Parses 64 hex characters (either case); throws <see cref="FormatException"/>.</summary>
    public static Hash32 Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException($"\"{hex}\" is not a 32-byte hash (64 hex characters)");

    /// <summary>Parses 64 hex characters (either case); false for any other length or a non-hex character.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out Hash32 hash)
    {
        var ok = Bytes32.TryParseHex(hex, out var bytes);
        hash = new Hash32(bytes);
        return ok;
    }

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>; throws <see cref="ArgumentException"/> if it is shorter.</summary>
    public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Bit <paramref name="index"/> (0..255), most significant bit of byte 0 first: the sparse Merkle tree path.</summary>
    public int GetBit(int index) => _bytes.GetBit(index);

    /// <summary>The 64 lowercase hex characters.</summary>
    public override string ToString() => _bytes.ToHex();

    /// <inheritdoc/>
    public bool Equals(Hash32 other) => _bytes.Equals(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _bytes.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Hash32 other) => _bytes.CompareTo(other._bytes);

    /// <summary>True when both hold the same 32 bytes.</summary>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    /// <summary>True unless both hold the same 32 bytes.</summary>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;
}
