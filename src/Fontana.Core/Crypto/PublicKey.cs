namespace Fontana.Core.Crypto;

/// <summary>An Ed25519 public key (32 bytes). Text form: 64 lowercase hex characters.</summary>
public readonly struct PublicKey : IEquatable<PublicKey>, IComparable<PublicKey>
{
    public const int Length = 32;

    private readonly Bytes32 _bytes;

    private PublicKey(Bytes32 bytes) => _bytes = bytes;

    /// <summary>Wraps exactly 32 bytes; throws <see cref="ArgumentException"/> for any other length.</summary>
    public static PublicKey FromBytes(ReadOnlySpan<byte> bytes) => new(new Bytes32(bytes));

    public static PublicKey Parse(string hex) =>
        TryParse(hex, out var key) ? key : throw new FormatException($"\"{hex}\" is not a 32-byte public key (64 hex characters)");

    public static bool TryParse(ReadOnlySpan<char> hex, out PublicKey key)
    {
        var ok = Bytes32.TryParseHex(hex, out var bytes);
        key = new PublicKey(bytes);
        return ok;
    }

    public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Checks an Ed25519 signature over <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) => Ed25519.Verify(this, message, signature);

    public override string ToString() => _bytes.ToHex();

    public bool Equals(PublicKey other) => _bytes.Equals(other._bytes);

    public override bool Equals(object? obj) => obj is PublicKey other && Equals(other);

    public override int GetHashCode() => _bytes.GetHashCode();

    public int CompareTo(PublicKey other) => _bytes.CompareTo(other._bytes);

    public static bool operator ==(PublicKey left, PublicKey right) => left.Equals(right);

    public static bool operator !=(PublicKey left, PublicKey right) => !left.Equals(right);

    public static bool operator <(PublicKey left, PublicKey right) => left.CompareTo(right) < 0;

    public static bool operator >(PublicKey left, PublicKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(PublicKey left, PublicKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PublicKey left, PublicKey right) => left.CompareTo(right) >= 0;
}
