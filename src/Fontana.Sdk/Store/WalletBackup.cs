using System.Buffers.Binary;
using System.Security.Cryptography;
using Fontana.Core;
using Fontana.Core.Crypto;
using Microsoft.Data.Sqlite;

namespace Fontana.Sdk.Store;

/// <summary>
/// One encrypted file holding a wallet's key file and its store (SQLite, or PostgreSQL copied as SQLite), for a new machine: <see cref="Write(string, string, string, string)"/> and
/// <see cref="Restore"/>. Same primitives as the key files: Argon2id (libsodium <c>crypto_pwhash</c>, MODERATE cost
/// unless given) derives a key from the passphrase; XSalsa20-Poly1305 (<c>crypto_secretbox</c>) encrypts and
/// authenticates everything after the header. Format (big-endian): <c>"FNTB"</c> | version 1 | opslimit (4) |
/// memlimit KiB (4) | salt (16) | nonce (24) | secretbox of [key file length (4) | key file | store length (8) | store].
/// The store is a consistent snapshot (<c>VACUUM INTO</c>) taken while other processes may be writing.
/// </summary>
public static class WalletBackup
{
    private const byte Version = 1;
    private const int HeaderLength = 4 + 1 + 4 + 4 + PasswordKdf.SaltLength + SecretBox.NonceLength;

    private static ReadOnlySpan<byte> Magic => "FNTB"u8;

    /// <summary>Writes the backup of the key file at <paramref name="walletPath"/> and the SQLite store at
    /// <paramref name="storePath"/> (if it exists) to <paramref name="backupPath"/>, which must not exist yet.</summary>
    /// <exception cref="WalletBackupException"><c>backup-passphrase-required</c>, <c>backup-would-overwrite</c>.</exception>
    public static void Write(string backupPath, string walletPath, string storePath, string passphrase) =>
        Write(backupPath, walletPath, storePath, passphrase, PasswordKdf.Moderate);

    /// <summary>Writes the backup of the key file at <paramref name="walletPath"/> and of <paramref name="store"/> — SQLite
    /// or PostgreSQL, stored in the backup as one SQLite copy — to <paramref name="backupPath"/>, which must not exist yet.</summary>
    /// <exception cref="WalletBackupException"><c>backup-passphrase-required</c>, <c>backup-would-overwrite</c>.</exception>
    /// <exception cref="WalletStoreException"><c>store-wrong-wallet</c> (the key file is another wallet's), or the store's
    /// errors while it is read.</exception>
    public static void Write(string backupPath, string walletPath, WalletStore store, string passphrase) =>
        Write(backupPath, walletPath, store, passphrase, PasswordKdf.Moderate);

    /// <summary>Restores <paramref name="backupPath"/>: writes the key file to <paramref name="walletPath"/> and the
    /// store to <paramref name="storePath"/> (both mode 0600), refusing to replace either. Returns the wallet's address.</summary>
    /// <exception cref="WalletBackupException"><c>backup-corrupt</c>, <c>backup-wrong-passphrase</c>,
    /// <c>backup-passphrase-required</c>, <c>backup-would-overwrite</c>.</exception>
    public static Address Restore(string backupPath, string passphrase, string walletPath, string storePath)
    {
        RequirePassphrase(passphrase);
        foreach (var target in new[] { walletPath, storePath })
        {
            RequireFree(target);
        }

        return Unpack(backupPath, passphrase, (address, keyFile, store) =>
        {
            WriteNew(walletPath, keyFile);
            if (!store.IsEmpty)
            {
                WriteNew(storePath, store);
            }
        });
    }

    /// <summary>Restores <paramref name="backupPath"/> with its store loaded into PostgreSQL: the key file goes to
    /// <paramref name="walletPath"/> (0600, never replacing a file), the store's rows into <paramref name="schema"/>
    /// (default <c>public</c>), which must hold no wallet store yet. One database transaction; if it fails, the key file
    /// just written is removed again. Returns the wallet's address.</summary>
    /// <exception cref="WalletBackupException"><c>backup-corrupt</c>, <c>backup-wrong-passphrase</c>,
    /// <c>backup-passphrase-required</c>, <c>backup-would-overwrite</c> (the key file exists, or the schema holds a store).</exception>
    /// <exception cref="WalletStoreException"><c>store-unavailable</c> (the server cannot be reached), <c>store-too-new</c>.</exception>
    public static Address RestoreToPostgres(string backupPath, string passphrase, string walletPath, string connectionString, string? schema = null)
    {
        RequirePassphrase(passphrase);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        RequireFree(walletPath);
        return Unpack(backupPath, passphrase, (address, keyFile, store) =>
        {
            WriteNew(walletPath, keyFile);
            if (store.IsEmpty)
            {
                return;
            }

            var copy = TempPathNextTo(walletPath, ".restore");
            try
            {
                WriteNew(copy, store);
                WalletStore.ImportPostgres(copy, connectionString, schema, address);
            }
            catch
            {
                File.Delete(Path.GetFullPath(walletPath));
                throw;
            }
            finally
            {
                File.Delete(copy);
                File.Delete(copy + "-journal");
            }
        });
    }

    private delegate void RestoreAction(Address address, ReadOnlySpan<byte> keyFile, ReadOnlySpan<byte> store);

    private static Address Unpack(string backupPath, string passphrase, RestoreAction restore)
    {
        var payload = Open(File.ReadAllBytes(backupPath), passphrase, backupPath);
        try
        {
            var span = payload.AsSpan();
            var keyLength = BinaryPrimitives.ReadInt32BigEndian(span);
            if (keyLength <= 0 || keyLength > span.Length - 12)
            {
                throw Corrupt(backupPath, "bad key-file length");
            }

            var keyFile = span.Slice(4, keyLength);
            var storeLength = BinaryPrimitives.ReadInt64BigEndian(span[(4 + keyLength)..]);
            if (storeLength < 0 || storeLength != span.Length - 12 - keyLength)
            {
                throw Corrupt(backupPath, "bad store length");
            }

            var address = new Address(Wallet.WalletFileFormat.ReadPublicKey(System.Text.Encoding.UTF8.GetString(keyFile), backupPath, out _));
            restore(address, keyFile, span.Slice(12 + keyLength, (int)storeLength));
            return address;
        }
        catch (Wallet.WalletException ex)
        {
            throw Corrupt(backupPath, "its key file: " + ex.Message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }

    internal static void Write(string backupPath, string walletPath, WalletStore store, string passphrase, Argon2Cost cost)
    {
        ArgumentNullException.ThrowIfNull(store);
        RequirePassphrase(passphrase);
        var keyAddress = ReadAddress(walletPath);
        if (keyAddress != store.Wallet)
        {
            throw new WalletStoreException(
                WalletStoreException.WrongWallet, $"{WalletStoreException.WrongWallet}: the store at {store.Location} belongs to wallet {store.Wallet}, the key file {walletPath} to {keyAddress}");
        }

        Seal(backupPath, walletPath, passphrase, cost, () => Snapshot(backupPath, store.ExportSqlite));
    }

    internal static void Write(string backupPath, string walletPath, string storePath, string passphrase, Argon2Cost cost)
    {
        RequirePassphrase(passphrase);
        Seal(backupPath, walletPath, passphrase, cost, () => File.Exists(storePath) ? Snapshot(storePath) : []);
    }

    private static void Seal(string backupPath, string walletPath, string passphrase, Argon2Cost cost, Func<byte[]> snapshot)
    {
        if (File.Exists(backupPath))
        {
            throw new WalletBackupException(WalletBackupException.WouldOverwrite, $"{WalletBackupException.WouldOverwrite}: {backupPath} exists");
        }

        var keyFile = File.ReadAllBytes(walletPath);
        var store = snapshot();
        var payload = new byte[4 + keyFile.Length + 8 + store.Length];
        BinaryPrimitives.WriteInt32BigEndian(payload, keyFile.Length);
        keyFile.CopyTo(payload, 4);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(4 + keyFile.Length), store.Length);
        store.CopyTo(payload, 12 + keyFile.Length);
        var file = new byte[HeaderLength + payload.Length + SecretBox.MacLength];
        Magic.CopyTo(file);
        file[4] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(5), checked((uint)cost.OpsLimit));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(9), checked((uint)cost.MemoryKiB));
        var salt = file.AsSpan(13, PasswordKdf.SaltLength);
        var nonce = file.AsSpan(13 + PasswordKdf.SaltLength, SecretBox.NonceLength);
        Ed25519.RandomBytes(salt);
        Ed25519.RandomBytes(nonce);
        Span<byte> key = stackalloc byte[SecretBox.KeyLength];
        try
        {
            DeriveKey(passphrase, salt, cost, key);
            SecretBox.Seal(payload, nonce, key, file.AsSpan(HeaderLength));
            WriteNew(backupPath, file);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(payload);
            CryptographicOperations.ZeroMemory(keyFile);
        }
    }

    private static byte[] Open(byte[] file, string passphrase, string path)
    {
        if (file.Length < HeaderLength + SecretBox.MacLength + 12 || !file.AsSpan(0, 4).SequenceEqual(Magic) || file[4] != Version)
        {
            throw Corrupt(path, "not a Fontana wallet backup (version 1)");
        }

        var cost = new Argon2Cost(BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(5)), BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(9)));
        if (!cost.IsWithinBounds)
        {
            throw Corrupt(path, $"its Argon2id cost ({cost}) is out of range");
        }

        var payload = new byte[file.Length - HeaderLength - SecretBox.MacLength];
        Span<byte> key = stackalloc byte[SecretBox.KeyLength];
        try
        {
            DeriveKey(passphrase, file.AsSpan(13, PasswordKdf.SaltLength), cost, key);
            if (!SecretBox.TryOpen(file.AsSpan(HeaderLength), file.AsSpan(13 + PasswordKdf.SaltLength, SecretBox.NonceLength), key, payload))
            {
                throw new WalletBackupException(
                    WalletBackupException.WrongPassphrase, $"{WalletBackupException.WrongPassphrase}: the passphrase does not open {path} (or the backup was altered)");
            }

            return payload;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>A consistent copy of the SQLite store, even while other processes write to it.</summary>
    private static byte[] Snapshot(string storePath)
    {
        try
        {
            return Snapshot(storePath, copy =>
            {
                using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO @path";
                command.Parameters.AddWithValue("@path", copy);
                command.ExecuteNonQuery();
            });
        }
        catch (SqliteException ex)
        {
            throw new WalletBackupException(WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: {storePath} cannot be read as a wallet store ({ex.Message})", ex);
        }
    }

    /// <summary>The bytes of a SQLite copy that <paramref name="export"/> writes to a temporary file next to
    /// <paramref name="nextTo"/> (removed afterwards).</summary>
    private static byte[] Snapshot(string nextTo, Action<string> export)
    {
        var copy = TempPathNextTo(nextTo, ".backup");
        try
        {
            // Empty and 0600 before anything is written to it (VACUUM INTO accepts an empty file).
            WriteNew(copy, []);
            export(copy);
            return File.ReadAllBytes(copy);
        }
        finally
        {
            File.Delete(copy);
            File.Delete(copy + "-journal");
        }
    }

    private static string TempPathNextTo(string path, string suffix)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + suffix);
    }

    private static Address ReadAddress(string walletPath)
    {
        try
        {
            return new Address(Wallet.WalletKeyFile.ReadPublicKey(walletPath));
        }
        catch (Wallet.WalletException ex)
        {
            throw Corrupt(walletPath, "not a readable key file: " + ex.Message);
        }
    }

    private static void RequireFree(string path)
    {
        if (File.Exists(path))
        {
            throw new WalletBackupException(WalletBackupException.WouldOverwrite, $"{WalletBackupException.WouldOverwrite}: {path} exists; restore writes only to free paths");
        }
    }

    /// <summary>Writes a new file (0600), never replacing one: a temporary file in the same directory, then a rename
    /// that fails if the target appeared meanwhile.</summary>
    private static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: false);
        }
        catch (IOException) when (File.Exists(full))
        {
            throw new WalletBackupException(WalletBackupException.WouldOverwrite, $"{WalletBackupException.WouldOverwrite}: {full} appeared while restoring; not replaced");
        }
        finally
        {
            File.Delete(temp);
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

    private static void RequirePassphrase(string passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new WalletBackupException(WalletBackupException.PassphraseRequired, $"{WalletBackupException.PassphraseRequired}: a wallet backup is always encrypted; give a passphrase");
        }
    }

    private static WalletBackupException Corrupt(string path, string reason) =>
        new(WalletBackupException.Corrupt, $"{WalletBackupException.Corrupt}: {path}: {reason}");
}
