namespace Fontana.Core.Crypto;

/// <summary>Ed25519 (RFC 8032) through libsodium.</summary>
public static class Ed25519
{
    /// <summary>Bytes in an Ed25519 signature: 64.</summary>
    public const int SignatureLength = Sodium.SignatureBytes;

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="key"/>.
    /// Wrong-length signatures are simply invalid.</summary>
    public static bool Verify(PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        Sodium.EnsureInitialized();
        Span<byte> pk = stackalloc byte[PublicKey.Length];
        key.CopyTo(pk);
        return Sodium.crypto_sign_verify_detached(signature, message, (ulong)message.Length, pk) == 0;
    }

    /// <summary>Fills <paramref name="buffer"/> with cryptographically secure random bytes.</summary>
    public static void RandomBytes(Span<byte> buffer)
    {
        Sodium.EnsureInitialized();
        Sodium.randombytes_buf(buffer, (nuint)buffer.Length);
    }
}
