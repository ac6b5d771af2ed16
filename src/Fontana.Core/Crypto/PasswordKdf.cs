namespace Fontana.Core.Crypto;

/// <summary>
/// Argon2id (libsodium <c>crypto_pwhash</c>, ALG_ARGON2ID13): derives a secretbox key from a passphrase.
/// Costs travel with the ciphertext (wallet files store them), and are bounded on read so a corrupt or hostile
/// file cannot ask for unbounded memory or time.
/// </summary>
public static class PasswordKdf
{
    /// <summary>Salt length in bytes (16).</summary>
    public const int SaltLength = Sodium.PwHashSaltBytes;

    /// <summary>libsodium's OPSLIMIT_MODERATE / MEMLIMIT_MODERATE (3 passes, 256 MiB): the default for wallets.</summary>
    public static readonly Argon2Cost Moderate = new(Sodium.PwHashOpsLimitModerate, Sodium.PwHashMemLimitModerate / 1024);

    /// <summary>libsodium's minimums (1 pass, 8 KiB): for tests only.</summary>
    public static readonly Argon2Cost Minimum = new(1, 8);

    /// <summary>Largest costs accepted when reading: 10 passes, 1 GiB.</summary>
    public static readonly Argon2Cost Maximum = new(10, 1024 * 1024);

    /// <summary>Fills <paramref name="key"/> from <paramref name="passphrase"/> and <paramref name="salt"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The cost is outside <see cref="Minimum"/>..<see cref="Maximum"/>.</exception>
    /// <exception cref="InsufficientMemoryException">libsodium could not allocate the memory the cost asks for.</exception>
    public static void DeriveKey(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, Argon2Cost cost, Span<byte> key)
    {
        if (salt.Length != SaltLength)
        {
            throw new ArgumentException($"salt must be {SaltLength} bytes", nameof(salt));
        }

        if (!cost.IsWithinBounds)
        {
            throw new ArgumentOutOfRangeException(nameof(cost), cost, $"Argon2id cost must be within {Minimum}..{Maximum}");
        }

        Sodium.EnsureInitialized();
        var rc = Sodium.crypto_pwhash(
            key, (ulong)key.Length, passphrase, (ulong)passphrase.Length, salt, cost.OpsLimit, (nuint)(cost.MemoryKiB * 1024), Sodium.PwHashAlgArgon2Id13);
        if (rc != 0)
        {
            throw new InsufficientMemoryException($"Argon2id could not allocate {cost.MemoryKiB} KiB");
        }
    }
}
