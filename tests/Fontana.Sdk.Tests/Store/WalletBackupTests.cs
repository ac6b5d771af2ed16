using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;

namespace Fontana.Sdk.Tests.Store;

/// <summary>One encrypted backup of a wallet's key file and SQLite store: round trip to fresh paths, and every bad
/// input (wrong passphrase, damaged file, existing targets, no passphrase) refused with its code, nothing overwritten.</summary>
public sealed class WalletBackupTests : IDisposable
{
    private static readonly Argon2Cost Cheap = PasswordKdf.Minimum;
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-backup-").FullName;
    private readonly string _wallet;
    private readonly string _store;
    private readonly Address _address;

    public WalletBackupTests()
    {
        _wallet = Combine("wallet.key");
        _store = Combine("wallet.db");
        using var wallet = WalletKeyFile.Create(_wallet, "key passphrase");
        _address = wallet.Address;
        using var store = WalletStore.OpenSqlite(_store, _address);
        store.CreateSpendingPolicy().Grant(PermissionScope.ForApp("agent"), new SpendingLimits { Total = Amount.FromUtia(5_000) });
        store.SetMeta("chain-id", "backup-test");
    }

    [Fact]
    public void WriteThenRestore_FreshPaths_SameKeySameStore()
    {
        var backup = Combine("wallet.backup");
        WalletBackup.Write(backup, _wallet, _store, "backup passphrase", Cheap);

        var restoredKey = Combine("new", "wallet.key");
        var restoredStore = Combine("new", "wallet.db");
        WalletBackup.Restore(backup, "backup passphrase", restoredKey, restoredStore).ShouldBe(_address);

        using (var wallet = WalletKeyFile.Load(restoredKey, "key passphrase"))
        {
            wallet.Address.ShouldBe(_address);
        }

        using var store = WalletStore.OpenSqlite(restoredStore, _address);
        store.GetMeta("chain-id").ShouldBe("backup-test");
        store.CreateSpendingPolicy().Get(PermissionScope.ForApp("agent"))!.Limits.Total.ShouldBe(Amount.FromUtia(5_000));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(restoredKey).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(restoredStore).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Not readable without the passphrase: neither the key file's header nor the store's SQL shows through.
        var bytes = File.ReadAllBytes(backup);
        System.Text.Encoding.ASCII.GetString(bytes).ShouldNotContain("FONTANA WALLET");
        System.Text.Encoding.ASCII.GetString(bytes).ShouldNotContain("CREATE TABLE");
    }

    [Fact]
    public void Restore_WrongPassphrase_BackupWrongPassphraseNothingWritten()
    {
        var backup = Combine("wallet.backup");
        WalletBackup.Write(backup, _wallet, _store, "right", Cheap);

        Code(() => WalletBackup.Restore(backup, "wrong", Combine("new.key"), Combine("new.db"))).ShouldBe("backup-wrong-passphrase");

        File.Exists(Combine("new.key")).ShouldBeFalse();
        File.Exists(Combine("new.db")).ShouldBeFalse();
    }

    [Fact]
    public void Restore_OverExistingWallet_BackupWouldOverwriteExistingUntouched()
    {
        var backup = Combine("wallet.backup");
        WalletBackup.Write(backup, _wallet, _store, "p", Cheap);
        var keyBefore = File.ReadAllBytes(_wallet);
        var storeBefore = File.ReadAllBytes(_store);

        Code(() => WalletBackup.Restore(backup, "p", _wallet, Combine("other.db"))).ShouldBe("backup-would-overwrite");
        Code(() => WalletBackup.Restore(backup, "p", Combine("other.key"), _store)).ShouldBe("backup-would-overwrite");

        File.ReadAllBytes(_wallet).ShouldBe(keyBefore);
        File.ReadAllBytes(_store).ShouldBe(storeBefore);
        File.Exists(Combine("other.key")).ShouldBeFalse();
        File.Exists(Combine("other.db")).ShouldBeFalse();
    }

    [Fact]
    public void Restore_DamagedFiles_CorruptOrWrongPassphraseNeverWritten()
    {
        var backup = Combine("wallet.backup");
        WalletBackup.Write(backup, _wallet, _store, "p", Cheap);
        var bytes = File.ReadAllBytes(backup);

        var truncated = Combine("truncated.backup");
        File.WriteAllBytes(truncated, bytes[..40]);
        Code(() => WalletBackup.Restore(truncated, "p", Combine("a.key"), Combine("a.db"))).ShouldBe("backup-corrupt");

        var notBackup = Combine("text.backup");
        File.WriteAllText(notBackup, "hello, this is not a backup at all; hello, this is not a backup at all; hello");
        Code(() => WalletBackup.Restore(notBackup, "p", Combine("a.key"), Combine("a.db"))).ShouldBe("backup-corrupt");

        var flipped = Combine("flipped.backup");
        bytes[^5] ^= 0x01;
        File.WriteAllBytes(flipped, bytes);
        Code(() => WalletBackup.Restore(flipped, "p", Combine("a.key"), Combine("a.db"))).ShouldBe("backup-wrong-passphrase");

        File.Exists(Combine("a.key")).ShouldBeFalse();
        File.Exists(Combine("a.db")).ShouldBeFalse();
    }

    [Fact]
    public void Write_NoPassphraseOrTargetExists_RefusedWithCode()
    {
        Code(() => WalletBackup.Write(Combine("x.backup"), _wallet, _store, string.Empty)).ShouldBe("backup-passphrase-required");
        File.WriteAllText(Combine("taken.backup"), "mine");
        Code(() => WalletBackup.Write(Combine("taken.backup"), _wallet, _store, "p", Cheap)).ShouldBe("backup-would-overwrite");
        File.ReadAllText(Combine("taken.backup")).ShouldBe("mine");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Code(Action action) => Should.Throw<WalletBackupException>(action).Code;

    private string Combine(params string[] parts) => Path.Combine([_directory, .. parts]);
}
