using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Core;

/// <summary>
/// A Fontana address: bech32m (BIP-350) with HRP <c>fnt</c> over the 32-byte Ed25519 public key, e.g. <c>fnt1…</c>.
/// </summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    /// <summary>The bech32m human-readable part of every Fontana address: <c>fnt</c>.</summary>
    public const string Hrp = "fnt";

    /// <summary>The address of <paramref name="publicKey"/>.</summary>
    public Address(PublicKey publicKey) => PublicKey = publicKey;

    /// <summary>The Ed25519 public key the address encodes; its owner signs for the outputs paid to it.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>The address of <paramref name="key"/> (same as the constructor).</summary>
    public static Address FromPublicKey(PublicKey key) => new(key);

    /// <summary>Parses an address; throws <see cref="FormatException"/> whose message says exactly what is wrong.</summary>
    public static Address Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>Parses an address; false for a wrong prefix, checksum or length (use the overload with <c>error</c> to learn which).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Address address) => TryParse(text, out address, out _);

    /// <summary>Parses an address; on failure <paramref name="error"/> says exactly what is wrong.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Address address, [NotNullWhen(false)] out string? error)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "address is empty";
            return false;
        }

        if (AddressTextCache.TryGetKey(text, out var known))
        {
            address = new Address(known);
            error = null;
            return true;
        }

        var decoded = Bech32m.Decode(text, out var bechError);
        if (decoded is null)
        {
            error = bechError switch
            {
                Bech32Error.TooLong => $"address is {text.Length} characters; bech32m allows at most {Bech32m.MaxLength}",
                Bech32Error.TooShort => "address is too short to hold a checksum",
                Bech32Error.InvalidCharacter => "address contains a character outside the bech32 alphabet",
                Bech32Error.MixedCase => "address mixes upper and lower case",
                Bech32Error.NoSeparator => "address has no '1' separator after its prefix",
                Bech32Error.EmptyHrp => "address has an empty prefix before '1'",
                Bech32Error.BadChecksum => "address checksum is wrong (a typo, or a bech32 rather than bech32m string)",
                _ => "address is not bech32m",
            };
            return false;
        }

        var (hrp, data5) = decoded.Value;
        if (hrp != Hrp)
        {
            error = $"address prefix is \"{hrp}\"; Fontana addresses start with \"{Hrp}1\"";
            return false;
        }

        var bytes = Bech32m.ConvertBits(data5, 5, 8, pad: false);
        if (bytes is null)
        {
            error = "address data has invalid padding";
            return false;
        }

        if (bytes.Length != PublicKey.Length)
        {
            error = $"address holds {bytes.Length} bytes; a Fontana address holds a {PublicKey.Length}-byte public key";
            return false;
        }

        address = new Address(PublicKey.FromBytes(bytes));
        AddressTextCache.RememberParsed(text, address.PublicKey);
        error = null;
        return true;
    }

    /// <summary>The bech32m text, <c>fnt1…</c> (lower case).</summary>
    public override string ToString()
    {
        if (AddressTextCache.TryGetText(PublicKey, out var known))
        {
            return known;
        }

        Span<byte> key = stackalloc byte[PublicKey.Length];
        PublicKey.CopyTo(key);
        var text = Bech32m.Encode(Hrp, Bech32m.ConvertBits(key, 8, 5, pad: true)!);
        AddressTextCache.RememberEncoded(PublicKey, text);
        return text;
    }

    /// <inheritdoc/>
    public bool Equals(Address other) => PublicKey.Equals(other.PublicKey);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => PublicKey.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Address other) => PublicKey.CompareTo(other.PublicKey);

    /// <summary>True when both encode the same public key.</summary>
    public static bool operator ==(Address left, Address right) => left.Equals(right);

    /// <summary>True unless both encode the same public key.</summary>
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    /// <summary>Orders by the public key's bytes.</summary>
    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    /// <summary>Orders by the public key's bytes.</summary>
    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    /// <summary>Orders by the public key's bytes.</summary>
    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    /// <summary>Orders by the public key's bytes.</summary>
    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}
