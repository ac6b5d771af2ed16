namespace Fontana.Core.Crypto;

/// <summary>XSalsa20-Poly1305 authenticated encryption (libsodium <c>crypto_secretbox_easy</c>).</summary>
public static class SecretBox
{
    /// <summary>Key length in bytes (32).</summary>
    public const int KeyLength = Sodium.SecretBoxKeyBytes;

    /// <summary>Nonce length in bytes (24).</summary>
    public const int NonceLength = Sodium.SecretBoxNonceBytes;

    /// <summary>Authentication tag length in bytes (16), added to each ciphertext.</summary>
    public const int MacLength = Sodium.SecretBoxMacBytes;

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> (MAC + encrypted bytes:
    /// <see cref="MacLength"/> bytes longer).</summary>
    public static void Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key, Span<byte> ciphertext)
    {
        CheckSizes(nonce, key);
        if (ciphertext.Length != plaintext.Length + MacLength)
        {
            throw new ArgumentException($"ciphertext must be {plaintext.Length + MacLength} bytes", nameof(ciphertext));
        }

        Sodium.EnsureInitialized();
        if (Sodium.crypto_secretbox_easy(ciphertext, plaintext, (ulong)plaintext.Length, nonce, key) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_secretbox_easy failed");
        }
    }

    /// <summary>Decrypts and authenticates; false when the key is wrong or the ciphertext was altered.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key, Span<byte> plaintext)
    {
        CheckSizes(nonce, key);
        if (ciphertext.Length < MacLength || plaintext.Length != ciphertext.Length - MacLength)
        {
            return false;
        }

        Sodium.EnsureInitialized();
        return Sodium.crypto_secretbox_open_easy(plaintext, ciphertext, (ulong)ciphertext.Length, nonce, key) == 0;
    }

    private static void CheckSizes(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        if (nonce.Length != NonceLength)
        {
            throw new ArgumentException($"nonce must be {NonceLength} bytes", nameof(nonce));
        }

        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"key must be {KeyLength} bytes", nameof(key));
        }
    }
}
