namespace Fontana.Core.Crypto;

/// <summary>An Ed25519 public key (32 bytes). Text form: 64 lowercase hex characters.</summary>
public readonly struct PublicKey : IEquatable<PublicKey>, IComparable<PublicKey>
{
    /// <summary>Bytes in an Ed25519 public key: 32.</summary>
    public const int Length = 32;

    private readonly Bytes32 _bytes;

    private PublicKey(Bytes32 bytes) => _bytes = bytes;

    /// <summary>Wraps exactly 32 bytes; throws <see cref="ArgumentException"/> for any other length.</summary>
    public static PublicKey FromBytes(ReadOnlySpan<byte> bytes) => new(new Bytes32(bytes));

    /// <summary>Parses 64 hex characters (either case); throws <see cref="FormatException"/> for anything else. Any 32 bytes parse: whether they are a valid curve point shows only when a signature is verified.</summary>
    public static PublicKey Parse(string hex) =>
        TryParse(hex, out var key) ? key : throw new FormatException($"\"{hex}\" is not a 32-byte public key (64 hex characters)");

    /// <summary>Parses 64 hex characters (either case); false for any other length or a non-hex character.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out PublicKey key)
    {
        var ok = Bytes32.TryParseHex(hex, out var bytes);
        key = new PublicKey(bytes);
        return ok;
    }

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>; throws <see cref="ArgumentException"/> if it is shorter.</summary>
    public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Checks an Ed25519 signature over <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) => Ed25519.Verify(this, message, signature);

    /// <summary>The 64 lowercase hex characters.</summary>
    public override string ToString() => _bytes.ToHex();

    /// <inheritdoc/>
    public bool Equals(PublicKey other) => _bytes.Equals(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PublicKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _bytes.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(PublicKey other) => _bytes.CompareTo(other._bytes);

    /// <summary>True when both hold the same 32 bytes.</summary>
    public static bool operator ==(PublicKey left, PublicKey right) => left.Equals(right);

    /// <summary>True unless both hold the same 32 bytes.</summary>
    public static bool operator !=(PublicKey left, PublicKey right) => !left.Equals(right);

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator <(PublicKey left, PublicKey right) => left.CompareTo(right) < 0;

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator >(PublicKey left, PublicKey right) => left.CompareTo(right) > 0;

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator <=(PublicKey left, PublicKey right) => left.CompareTo(right) <= 0;

    /// <summary>Orders byte by byte, as unsigned big-endian numbers.</summary>
    public static bool operator >=(PublicKey left, PublicKey right) => left.CompareTo(right) >= 0;
}
