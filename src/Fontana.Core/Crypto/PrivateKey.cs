namespace Fontana.Core.Crypto;

/// <summary>
/// An Ed25519 signing key made from a 32-byte seed (the form stored in wallet files).
/// Holds the libsodium 64-byte secret key; <see cref="Dispose"/> wipes it.
/// </summary>
public sealed class PrivateKey : IDisposable
{
    /// <summary>Bytes in the seed a key pair is derived from: 32 (the only secret a wallet file stores).</summary>
    public const int SeedLength = Sodium.SeedBytes;

    private readonly byte[] _seed;
    private readonly byte[] _secretKey;
    private bool _disposed;

    private PrivateKey(byte[] seed, byte[] secretKey, PublicKey publicKey)
    {
        _seed = seed;
        _secretKey = secretKey;
        PublicKey = publicKey;
    }

    /// <summary>The public half of the key pair (whose <see cref="Address"/> receives outputs).</summary>
    public PublicKey PublicKey { get; }

    /// <summary>Derives the key pair from a 32-byte seed.</summary>
    public static PrivateKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"an Ed25519 seed is {SeedLength} bytes, got {seed.Length}", nameof(seed));
        }

        Sodium.EnsureInitialized();
        var sk = new byte[Sodium.SecretKeyBytes];
        Span<byte> pk = stackalloc byte[Sodium.PublicKeyBytes];
        if (Sodium.crypto_sign_seed_keypair(pk, sk, seed) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_sign_seed_keypair failed");
        }

        return new PrivateKey(seed.ToArray(), sk, PublicKey.FromBytes(pk));
    }

    /// <summary>A new key from 32 random bytes.</summary>
    public static PrivateKey Generate()
    {
        Span<byte> seed = stackalloc byte[SeedLength];
        Ed25519.RandomBytes(seed);
        var key = FromSeed(seed);
        seed.Clear();
        return key;
    }

    /// <summary>The 32-byte seed (secret: handle with care).</summary>
    public byte[] ExportSeed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_seed.Clone();
    }

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (64 bytes).</summary>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (signature.Length < Ed25519.SignatureLength)
        {
            throw new ArgumentException($"signature buffer must hold {Ed25519.SignatureLength} bytes", nameof(signature));
        }

        if (Sodium.crypto_sign_detached(signature, out _, message, (ulong)message.Length, _secretKey) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_sign_detached failed");
        }
    }

    /// <summary>Writes the X25519 scalar of this key (libsodium's Ed25519 → Curve25519 map: the clamped first half of
    /// SHA-512(seed)) into <paramref name="scalar"/> (32 bytes; secret: the caller wipes it).</summary>
    internal void WriteCurve25519Scalar(Span<byte> scalar)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Sodium.crypto_sign_ed25519_sk_to_curve25519(scalar, _secretKey) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_sign_ed25519_sk_to_curve25519 failed");
        }
    }

    /// <summary>A new 64-byte Ed25519 signature of <paramref name="message"/>; throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Ed25519.SignatureLength];
        Sign(message, signature);
        return signature;
    }

    /// <summary>Zeroes the secret key and seed in memory; the key cannot sign afterwards. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Array.Clear(_secretKey);
        Array.Clear(_seed);
        _disposed = true;
    }
}
