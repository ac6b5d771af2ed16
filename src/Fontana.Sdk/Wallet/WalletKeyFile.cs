using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Sdk.Wallet;

/// <summary>
/// A consumer's signing key, kept in an SSH-style key file (<c>-----BEGIN FONTANA WALLET-----</c>) that is
/// mode 0600, written atomically, and optionally encrypted with a passphrase (Argon2id + XSalsa20-Poly1305).
/// Thread-safe for signing. Dispose to wipe the key from memory. Format and rules: <c>docs/wallet.md</c>.
/// </summary>
public sealed class WalletKeyFile : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private WalletKeyFile(string path, PrivateKey key, bool isEncrypted)
    {
        Path = path;
        PrivateKey = key;
        IsEncrypted = isEncrypted;
    }

    /// <summary>Full path of the key file.</summary>
    public string Path { get; }

    /// <summary>The wallet's Ed25519 public key.</summary>
    public PublicKey PublicKey => PrivateKey.PublicKey;

    /// <summary>The wallet's address (<c>fnt1…</c>).</summary>
    public Address Address => new(PrivateKey.PublicKey);

    /// <summary>True when the file is passphrase-encrypted.</summary>
    public bool IsEncrypted { get; }

    /// <summary>The signing key, for the SDK's transaction signing.</summary>
    public PrivateKey PrivateKey { get; }

    /// <summary>Creates a new random key and writes it to <paramref name="path"/> (mode 0600, atomically).</summary>
    /// <param name="path">Key file to create; missing parent directories are created with mode 0700.</param>
    /// <param name="passphrase">Encrypts the file when non-empty; null or empty writes the seed in clear (like <c>ssh-keygen -N ""</c>).</param>
    /// <param name="overwrite">Replace an existing file; without it an existing file is never touched.</param>
    /// <exception cref="WalletException"><c>wallet-exists</c>, <c>wallet-io</c>.</exception>
    public static WalletKeyFile Create(string path, string? passphrase = null, bool overwrite = false) =>
        Create(path, passphrase, overwrite, PasswordKdf.Moderate);

    /// <summary>Writes a wallet for an existing 32-byte seed (e.g. a devnet key) to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    /// <exception cref="WalletException"><c>wallet-exists</c>, <c>wallet-io</c>.</exception>
    public static WalletKeyFile Import(string path, ReadOnlySpan<byte> seed, string? passphrase = null, bool overwrite = false) =>
        Save(path, PrivateKey.FromSeed(seed), passphrase, overwrite, PasswordKdf.Moderate);

    /// <summary>Loads the wallet at <paramref name="path"/>.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="passphrase">Needed for encrypted files; ignored for unencrypted ones.</param>
    /// <exception cref="WalletException"><c>wallet-not-found</c>, <c>wallet-permissions</c> (group/other bits set),
    /// <c>wallet-corrupt</c>, <c>passphrase-required</c>, <c>wrong-passphrase</c>, <c>wallet-io</c>.</exception>
    public static WalletKeyFile Load(string path, string? passphrase = null)
    {
        var fullPath = ReadChecked(path, out var text);
        var key = WalletFileFormat.Read(text, fullPath, passphrase, out var encrypted);
        return new WalletKeyFile(fullPath, key, encrypted);
    }

    /// <summary>The public key stored in clear in the file; needs no passphrase.</summary>
    /// <exception cref="WalletException">As <see cref="Load"/>, except the passphrase codes.</exception>
    public static PublicKey ReadPublicKey(string path)
    {
        var fullPath = ReadChecked(path, out var text);
        return WalletFileFormat.ReadPublicKey(text, fullPath, out _);
    }

    /// <summary>True when the file at <paramref name="path"/> is encrypted (so <see cref="Load"/> needs a passphrase).</summary>
    /// <exception cref="WalletException">As <see cref="ReadPublicKey"/>.</exception>
    public static bool RequiresPassphrase(string path)
    {
        var fullPath = ReadChecked(path, out var text);
        WalletFileFormat.ReadPublicKey(text, fullPath, out var encrypted);
        return encrypted;
    }

    /// <summary>Signs <paramref name="message"/> (Ed25519, 64-byte signature).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => PrivateKey.Sign(message);

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (at least 64 bytes).</summary>
    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature) => PrivateKey.Sign(message, signature);

    /// <summary>Wipes the key from memory.</summary>
    public void Dispose() => PrivateKey.Dispose();

    /// <summary><see cref="Create(string, string?, bool)"/> with an explicit Argon2id cost (tests use the minimum).</summary>
    internal static WalletKeyFile Create(string path, string? passphrase, bool overwrite, Argon2Cost cost) =>
        Save(path, PrivateKey.Generate(), passphrase, overwrite, cost);

    internal static WalletKeyFile Save(string path, PrivateKey key, string? passphrase, bool overwrite, Argon2Cost cost)
    {
        try
        {
            var fullPath = System.IO.Path.GetFullPath(path);
            WriteAtomically(fullPath, WalletFileFormat.Write(key, passphrase, cost), overwrite);
            return new WalletKeyFile(fullPath, key, !string.IsNullOrEmpty(passphrase));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void WriteAtomically(string path, string text, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new WalletException(WalletException.Exists, $"wallet {path} already exists; refusing to overwrite it");
        }

        var directory = System.IO.Path.GetDirectoryName(path)!;
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask can only narrow the create mode; set it exactly so the result never depends on it.
                File.SetUnixFileMode(temp, OwnerOnly);
            }

            // Without overwrite, File.Move refuses to replace a file that appeared meanwhile.
            File.Move(temp, path, overwrite);
        }
        catch (IOException ex) when (!overwrite && File.Exists(path))
        {
            throw new WalletException(WalletException.Exists, $"wallet {path} already exists; refusing to overwrite it", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WalletException(WalletException.Io, $"could not write wallet {path}: {ex.Message}", ex);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Full path; the file's text after the existence, permission and size checks.</summary>
    private static string ReadChecked(string path, out string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            if (!File.Exists(fullPath))
            {
                throw new WalletException(WalletException.NotFound, $"no wallet at {fullPath} (create one with `fontana init`)");
            }

            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(fullPath);
                if ((mode & GroupOrOther) != 0)
                {
                    throw new WalletException(
                        WalletException.InsecurePermissions,
                        $"wallet {fullPath} has mode {Octal(mode)}: it must not be accessible by group or others. Fix it with: chmod 600 {fullPath}");
                }
            }

            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > WalletFileFormat.MaxFileBytes)
            {
                throw new WalletException(WalletException.Corrupt, $"wallet {fullPath} is corrupt: {stream.Length} bytes is too large for a wallet");
            }

            using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
            text = reader.ReadToEnd();
            return fullPath;
        }
        catch (FileNotFoundException ex)
        {
            throw new WalletException(WalletException.NotFound, $"no wallet at {fullPath}", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new WalletException(WalletException.NotFound, $"no wallet at {fullPath}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WalletException(WalletException.Io, $"could not read wallet {fullPath}: {ex.Message}", ex);
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
