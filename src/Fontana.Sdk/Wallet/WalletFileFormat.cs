using System.Buffers.Binary;
using System.Security.Cryptography;
using Fontana.Core.Crypto;

namespace Fontana.Sdk.Wallet;

/// <summary>
/// The wallet key file: an SSH-style armored text file around a versioned binary blob (docs/wallet.md).
/// Blob v1 (big-endian): "FNTW" | version 1 | kind (0 plain, 1 Argon2id+secretbox) | public key (32) |
/// plain: seed (32) — encrypted: opslimit u32 | memlimit KiB u32 | salt (16) | nonce (24) | secretbox(seed) (48).
/// </summary>
internal static class WalletFileFormat
{
    public const string BeginLine = "-----BEGIN FONTANA WALLET-----";
    public const string EndLine = "-----END FONTANA WALLET-----";
    public const byte Version = 1;
    public const byte KindPlain = 0;
    public const byte KindEncrypted = 1;

    /// <summary>Files larger than this are not wallets.</summary>
    public const int MaxFileBytes = 16 * 1024;

    private const int HeaderLength = 4 + 1 + 1 + PublicKey.Length;
    private const int PlainLength = HeaderLength + PrivateKey.SeedLength;
    private const int EncryptedLength = HeaderLength + 4 + 4 + PasswordKdf.SaltLength + SecretBox.NonceLength + PrivateKey.SeedLength + SecretBox.MacLength;
    private const int LineWidth = 64;

    private static ReadOnlySpan<byte> Magic => "FNTW"u8;

    /// <summary>The armored text for <paramref name="key"/>; encrypted when <paramref name="passphrase"/> is non-empty.</summary>
    public static string Write(PrivateKey key, string? passphrase, Argon2Cost cost)
    {
        var encrypted = !string.IsNullOrEmpty(passphrase);
        var blob = new byte[encrypted ? EncryptedLength : PlainLength];
        var seed = key.ExportSeed();
        try
        {
            Magic.CopyTo(blob);
            blob[4] = Version;
            blob[5] = encrypted ? KindEncrypted : KindPlain;
            key.PublicKey.CopyTo(blob.AsSpan(6, PublicKey.Length));
            var body = blob.AsSpan(HeaderLength);
            if (!encrypted)
            {
                seed.CopyTo(body);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(body, checked((uint)cost.OpsLimit));
                BinaryPrimitives.WriteUInt32BigEndian(body[4..], checked((uint)cost.MemoryKiB));
                var salt = body.Slice(8, PasswordKdf.SaltLength);
                var nonce = body.Slice(8 + PasswordKdf.SaltLength, SecretBox.NonceLength);
                Ed25519.RandomBytes(salt);
                Ed25519.RandomBytes(nonce);
                Span<byte> boxKey = stackalloc byte[SecretBox.KeyLength];
                DeriveKey(passphrase!, salt, cost, boxKey);
                SecretBox.Seal(seed, nonce, boxKey, body[(8 + PasswordKdf.SaltLength + SecretBox.NonceLength)..]);
                CryptographicOperations.ZeroMemory(boxKey);
            }

            return Armor(blob);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>The public key stored in clear in the file (no passphrase needed). In a plain file it is checked
    /// against the key derived from the seed, so a damaged public key is refused (<c>wallet-corrupt</c>) instead of
    /// showing another address; an encrypted file's key is checked when it is opened with its passphrase.</summary>
    public static PublicKey ReadPublicKey(string text, string path, out bool encrypted)
    {
        var blob = Unarmor(text, path);
        try
        {
            encrypted = blob[5] == KindEncrypted;
            var stored = PublicKey.FromBytes(blob.AsSpan(6, PublicKey.Length));
            if (!encrypted)
            {
                using var key = PrivateKey.FromSeed(blob.AsSpan(HeaderLength, PrivateKey.SeedLength));
                if (key.PublicKey != stored)
                {
                    throw Corrupt(path, "its public key does not match its private key");
                }
            }

            return stored;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>Decodes and, if needed, decrypts the key.</summary>
    public static PrivateKey Read(string text, string path, string? passphrase, out bool encrypted)
    {
        var blob = Unarmor(text, path);
        var storedKey = PublicKey.FromBytes(blob.AsSpan(6, PublicKey.Length));
        var body = blob.AsSpan(HeaderLength);
        encrypted = blob[5] == KindEncrypted;
        Span<byte> seed = stackalloc byte[PrivateKey.SeedLength];
        try
        {
            if (!encrypted)
            {
                body.CopyTo(seed);
            }
            else
            {
                if (string.IsNullOrEmpty(passphrase))
                {
                    throw new WalletException(WalletException.PassphraseRequired, $"wallet {path} is encrypted; a passphrase is required");
                }

                var cost = new Argon2Cost(BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
                if (!cost.IsWithinBounds)
                {
                    throw Corrupt(path, $"its Argon2id cost ({cost}) is outside {PasswordKdf.Minimum}..{PasswordKdf.Maximum}");
                }

                var salt = body.Slice(8, PasswordKdf.SaltLength);
                var nonce = body.Slice(8 + PasswordKdf.SaltLength, SecretBox.NonceLength);
                Span<byte> boxKey = stackalloc byte[SecretBox.KeyLength];
                DeriveKey(passphrase, salt, cost, boxKey);
                var opened = SecretBox.TryOpen(body[(8 + PasswordKdf.SaltLength + SecretBox.NonceLength)..], nonce, boxKey, seed);
                CryptographicOperations.ZeroMemory(boxKey);
                if (!opened)
                {
                    throw new WalletException(WalletException.WrongPassphrase, $"wrong passphrase for wallet {path} (or its encrypted part is damaged)");
                }
            }

            var key = PrivateKey.FromSeed(seed);
            if (key.PublicKey != storedKey)
            {
                key.Dispose();
                throw Corrupt(path, "its public key does not match its private key");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    private static void DeriveKey(string passphrase, ReadOnlySpan<byte> salt, Argon2Cost cost, Span<byte> key)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(passphrase);
        try
        {
            PasswordKdf.DeriveKey(bytes, salt, cost, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static string Armor(ReadOnlySpan<byte> blob)
    {
        var base64 = Convert.ToBase64String(blob);
        var builder = new System.Text.StringBuilder(base64.Length + 128);
        builder.Append(BeginLine).Append('\n');
        for (var i = 0; i < base64.Length; i += LineWidth)
        {
            builder.Append(base64.AsSpan(i, Math.Min(LineWidth, base64.Length - i))).Append('\n');
        }

        builder.Append(EndLine).Append('\n');
        return builder.ToString();
    }

    /// <summary>Parses the armor and checks the blob's magic, version, kind and length.</summary>
    private static byte[] Unarmor(string text, string path)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count < 3 || lines[0] != BeginLine || lines[^1] != EndLine)
        {
            throw Corrupt(path, $"it is not framed by \"{BeginLine}\" and \"{EndLine}\"");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(string.Concat(lines.Skip(1).Take(lines.Count - 2)));
        }
        catch (FormatException)
        {
            throw Corrupt(path, "its body is not base64");
        }

        if (blob.Length < HeaderLength || !blob.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw Corrupt(path, "it does not start with the FNTW magic");
        }

        if (blob[4] != Version)
        {
            throw Corrupt(path, $"its format version is {blob[4]}; this build reads version {Version}");
        }

        var expected = blob[5] switch
        {
            KindPlain => PlainLength,
            KindEncrypted => EncryptedLength,
            _ => throw Corrupt(path, $"its key kind {blob[5]} is unknown"),
        };
        if (blob.Length != expected)
        {
            throw Corrupt(path, $"it holds {blob.Length} bytes; expected {expected}");
        }

        return blob;
    }

    private static WalletException Corrupt(string path, string reason) => new(WalletException.Corrupt, $"wallet {path} is corrupt: {reason}");
}
