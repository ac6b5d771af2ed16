using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Fontana.Core.Crypto;

namespace Fontana.AspNetCore.Payments;

/// <summary>
/// Loads the provider's challenge key from <see cref="FontanaProviderOptions"/>: a hex seed, or a file holding a
/// hex seed or an unencrypted Fontana wallet (armored blob "FNTW" | v1 | kind 0 | public key | seed, docs/wallet.md).
/// </summary>
internal static class ChallengeKeyLoader
{
    private const string BeginLine = "-----BEGIN FONTANA WALLET-----";
    private const string EndLine = "-----END FONTANA WALLET-----";
    private const int WalletHeaderLength = 4 + 1 + 1 + PublicKey.Length;
    private const int MaxFileBytes = 16 * 1024;

    /// <summary>The configured key, or a fresh random one when none is configured.</summary>
    public static PrivateKey Load(FontanaProviderOptions options)
    {
        if (options.ChallengeKey is { } key)
        {
            return key;
        }

        if (!TryLoadConfigured(options, out var loaded, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return loaded ?? PrivateKey.Generate();
    }

    /// <summary>Loads the seed or file if configured; <paramref name="key"/> is null when neither is.</summary>
    public static bool TryLoadConfigured(FontanaProviderOptions options, out PrivateKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        error = null;
        if (!string.IsNullOrWhiteSpace(options.ChallengeKeySeed))
        {
            return TryFromHex(options.ChallengeKeySeed, $"{FontanaProviderOptions.SectionName}:ChallengeKeySeed", out key, out error);
        }

        if (string.IsNullOrWhiteSpace(options.ChallengeKeyFile))
        {
            return true;
        }

        var name = $"{FontanaProviderOptions.SectionName}:ChallengeKeyFile";
        string text;
        try
        {
            var info = new FileInfo(options.ChallengeKeyFile);
            if (!info.Exists)
            {
                error = $"{name}: file \"{options.ChallengeKeyFile}\" does not exist";
                return false;
            }

            if (info.Length > MaxFileBytes)
            {
                error = $"{name}: file \"{options.ChallengeKeyFile}\" is {info.Length} bytes; a key file is at most {MaxFileBytes}";
                return false;
            }

            text = File.ReadAllText(options.ChallengeKeyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"{name}: cannot read \"{options.ChallengeKeyFile}\": {ex.Message}";
            return false;
        }

        return text.Contains(BeginLine, StringComparison.Ordinal)
            ? TryFromWallet(text, name, out key, out error)
            : TryFromHex(text, name, out key, out error);
    }

    private static bool TryFromHex(string text, string name, out PrivateKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        Span<byte> seed = stackalloc byte[PrivateKey.SeedLength];
        var hex = text.AsSpan().Trim();
        if (hex.Length != PrivateKey.SeedLength * 2
            || Convert.FromHexString(hex, seed, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != PrivateKey.SeedLength)
        {
            error = $"{name}: expected a {PrivateKey.SeedLength}-byte Ed25519 seed as {PrivateKey.SeedLength * 2} hex characters";
            return false;
        }

        key = PrivateKey.FromSeed(seed);
        CryptographicOperations.ZeroMemory(seed);
        error = null;
        return true;
    }

    private static bool TryFromWallet(string text, string name, out PrivateKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        var body = new System.Text.StringBuilder(text.Length);
        var inside = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line == BeginLine)
            {
                inside = true;
            }
            else if (line == EndLine)
            {
                inside = false;
            }
            else if (inside)
            {
                body.Append(line);
            }
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(body.ToString());
        }
        catch (FormatException)
        {
            error = $"{name}: the wallet file's body is not base64";
            return false;
        }

        try
        {
            if (blob.Length < WalletHeaderLength || !blob.AsSpan(0, 4).SequenceEqual("FNTW"u8) || blob[4] != 1)
            {
                error = $"{name}: not a version 1 Fontana wallet file";
                return false;
            }

            if (blob[5] != 0)
            {
                error = $"{name}: the wallet file is encrypted; load it with the SDK's Wallet and set ChallengeKey, or use an unencrypted key file";
                return false;
            }

            if (blob.Length != WalletHeaderLength + PrivateKey.SeedLength)
            {
                error = $"{name}: the wallet file holds {blob.Length} bytes; expected {WalletHeaderLength + PrivateKey.SeedLength}";
                return false;
            }

            var loaded = PrivateKey.FromSeed(blob.AsSpan(WalletHeaderLength));
            if (loaded.PublicKey != PublicKey.FromBytes(blob.AsSpan(6, PublicKey.Length)))
            {
                loaded.Dispose();
                error = $"{name}: the wallet file's public key does not match its private key";
                return false;
            }

            key = loaded;
            error = null;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }
}
