using System.Security.Cryptography;
using Fontana.Core.Crypto;

namespace Fontana.Core.X402;

/// <summary>
/// Lets a provider recognise its own challenges with one HMAC instead of an Ed25519 verification. The challenge keeps
/// its Ed25519 signature (clients and the node's facilitator check it as before) and gains an optional
/// <see cref="FontanaChallenge.Mac"/>: HMAC-SHA256, under a secret derived from the challenge key, of the canonical
/// encoding followed by the 64 signature bytes. Every field of the challenge and the signature itself are under the MAC,
/// so a MAC that matches proves the provider issued exactly this challenge with exactly this signature — what a valid
/// signature by its own key would prove.
/// </summary>
/// <remarks>
/// A missing or wrong MAC never refuses a challenge by itself: the verifier then checks the Ed25519 signature (a client
/// that does not echo unknown fields, a challenge issued before the provider had this secret). So the MAC can save work
/// but cannot make the provider accept anything the signature would refuse, short of forging HMAC-SHA256. The secret is
/// derived from the challenge key, so every instance holding the key (and every restart) recognises the same challenges.
/// </remarks>
public sealed class FontanaChallengeMac
{
    /// <summary>Length of the MAC in bytes (HMAC-SHA256, 64 hex characters).</summary>
    public const int MacLength = HMACSHA256.HashSizeInBytes;

    private static ReadOnlySpan<byte> KeyDomain => "fontana/x402-challenge-mac/v1"u8;

    private readonly byte[] _key;

    private FontanaChallengeMac(byte[] key) => _key = key;

    /// <summary>The MAC secret of <paramref name="challengeKey"/>: HMAC-SHA256(seed, "fontana/x402-challenge-mac/v1").</summary>
    public static FontanaChallengeMac FromChallengeKey(PrivateKey challengeKey)
    {
        ArgumentNullException.ThrowIfNull(challengeKey);
        var seed = challengeKey.ExportSeed();
        try
        {
            return new FontanaChallengeMac(HMACSHA256.HashData(seed, KeyDomain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>
    /// <paramref name="challenge"/> with <see cref="FontanaChallenge.ProviderKey"/> set to <paramref name="challengeKey"/>'s
    /// public key, signed by it, and with its <see cref="FontanaChallenge.Mac"/> (one encoding, one signature, one HMAC).
    /// </summary>
    /// <exception cref="X402FormatException">A field is invalid.</exception>
    public FontanaChallenge Sign(FontanaChallenge challenge, PrivateKey challengeKey)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(challengeKey);
        // A fresh challenge from the issuer already has this key and no signature: no copy needed before signing.
        var unsigned = challenge.ProviderKey == challengeKey.PublicKey && challenge.Signature is null && challenge.Mac is null
            ? challenge
            : challenge with { ProviderKey = challengeKey.PublicKey, Signature = null, Mac = null };
        var encoded = FontanaChallengeEncoding.Encode(unsigned);
        Span<byte> signature = stackalloc byte[Ed25519.SignatureLength];
        challengeKey.Sign(encoded, signature);
        Span<byte> mac = stackalloc byte[MacLength];
        Compute(encoded, signature, mac);
        return unsigned with { Signature = Convert.ToHexStringLower(signature), Mac = Convert.ToHexStringLower(mac) };
    }

    /// <summary>True when <paramref name="mac"/> is this secret's MAC of <paramref name="encodedChallenge"/> (a canonical
    /// challenge encoding) followed by <paramref name="signature"/>: the holder of the challenge key issued exactly these.</summary>
    public bool IsIssued(ReadOnlySpan<byte> encodedChallenge, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> mac)
    {
        if (signature.Length != Ed25519.SignatureLength || mac.Length != MacLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Compute(encodedChallenge, signature, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    private void Compute(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> signature, Span<byte> mac)
    {
        var length = encoded.Length + signature.Length;
        var message = length <= 1024 ? stackalloc byte[length] : new byte[length];
        encoded.CopyTo(message);
        signature.CopyTo(message[encoded.Length..]);
        HMACSHA256.HashData(_key, message, mac);
    }
}
