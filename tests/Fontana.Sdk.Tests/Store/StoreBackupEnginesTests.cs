using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fontana.Sdk.Tests.Store;

/// <summary>Backups of a store on either engine (a PostgreSQL store's rows go into the backup as a SQLite copy), restored
/// into a new SQLite file or an empty PostgreSQL schema, and the bad input of a PostgreSQL restore: an existing store, a
/// wrong passphrase, an unreachable server, another wallet's store — each refused with its code, nothing overwritten.</summary>
public sealed class StoreBackupEnginesTests : IDisposable
{
    private static readonly Argon2Cost Cheap = PasswordKdf.Minimum;
    private static readonly Address Provider = new(PrivateKey.Generate().PublicKey);
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-backup-engines-").FullName;
    private readonly string _wallet;
    private readonly Address _address;
    private readonly List<StoreTarget> _targets = [];

    public StoreBackupEnginesTests()
    {
        _wallet = Combine("wallet.key");
        using var wallet = WalletKeyFile.Create(_wallet, "key passphrase");
        _address = wallet.Address;
    }

    /// <summary>From each engine to each engine (PostgreSQL rows only with FONTANA_TEST_POSTGRES).</summary>
    public static TheoryData<string, string> Pairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var from in StoreTarget.Engines)
            {
                foreach (var to in StoreTarget.Engines)
                {
                    data.Add(from, to);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task WriteThenRestore_EachEngineToEachEngine_SameRowsSameBudgets(string from, string to)
    {
        var source = Target(from);
        using (var store = source.Open(_address))
        {
            await Populate(store);
        }

        var backup = Combine("wallet.backup");
        using (var store = source.Open(_address))
        {
            WalletBackup.Write(backup, _wallet, store, "backup passphrase", Cheap);
        }

        var restoredKey = Combine("new", "wallet.key");
        var destination = Target(to);
        var address = to == StoreTarget.Sqlite
            ? WalletBackup.Restore(backup, "backup passphrase", restoredKey, destination.SqlitePath)
            : WalletBackup.RestoreToPostgres(backup, "backup passphrase", restoredKey, StoreTarget.PostgresConnection!, destination.Schema);

        address.ShouldBe(_address);
        using (var key = WalletKeyFile.Load(restoredKey, "key passphrase"))
        {
            key.Address.ShouldBe(_address);
        }

        using var original = source.Open(_address);
        using var restored = destination.Open(_address);
        restored.Engine.ShouldBe(to);
        restored.SchemaVersion.ShouldBe(original.SchemaVersion);
        restored.GetMeta("chain-id").ShouldBe("engines-test");
        restored.ListPayments().Select(Row).ShouldBe(original.ListPayments().Select(Row));
        restored.ListPayments().Count.ShouldBe(3);
        restored.ListPayments().Select(Hex).ShouldBe(original.ListPayments().Select(Hex));
        var policy = restored.CreateSpendingPolicy(new FakeTimeProvider(T0));
        policy.Get(PermissionScope.ForPayTo(Provider))!.Limits.Total.ShouldBe(Amount.FromUtia(5_000));
        policy.GetSpent(PermissionScope.ForPayTo(Provider)).Total.ShouldBe(Amount.FromUtia(1_200));
        restored.GetOutputLease(new OutPoint(Hash32.Compute([9]), 0))!.Value.Status.ShouldBe("spent");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(restoredKey).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // The copy made for the backup is gone, and no temporary file is left next to the restored key.
        Directory.GetFiles(_directory).Select(Path.GetFileName).ShouldBe(["wallet.backup", "wallet.key"], ignoreOrder: true);
        Directory.GetFiles(Combine("new")).Select(Path.GetFileName).ShouldBe(["wallet.key"]);
    }

    [PostgresFact]
    public async Task RestoreToPostgres_SchemaHoldsAStore_BackupWouldOverwriteStoreAndKeyUntouched()
    {
        var backup = await BackupOfPopulatedStore();
        var existing = Target(StoreTarget.Postgres);
        using (var store = existing.Open(_address))
        {
            store.RecordPayment(Payment(42));
        }

        var code = Should.Throw<WalletBackupException>(() =>
            WalletBackup.RestoreToPostgres(backup, "p", Combine("other.key"), StoreTarget.PostgresConnection!, existing.Schema)).Code;

        code.ShouldBe("backup-would-overwrite");
        File.Exists(Combine("other.key")).ShouldBeFalse();
        using var kept = existing.Open(_address);
        kept.ListPayments().Select(p => p.TxId).ShouldBe([Payment(42).TxId]);
    }

    [PostgresFact]
    public async Task RestoreToPostgres_WrongPassphraseOrKeyFileExists_RefusedNothingWritten()
    {
        var backup = await BackupOfPopulatedStore();
        var fresh = Target(StoreTarget.Postgres);

        Should.Throw<WalletBackupException>(() =>
            WalletBackup.RestoreToPostgres(backup, "wrong", Combine("other.key"), StoreTarget.PostgresConnection!, fresh.Schema)).Code.ShouldBe("backup-wrong-passphrase");
        Should.Throw<WalletBackupException>(() =>
            WalletBackup.RestoreToPostgres(backup, "p", _wallet, StoreTarget.PostgresConnection!, fresh.Schema)).Code.ShouldBe("backup-would-overwrite");

        File.Exists(Combine("other.key")).ShouldBeFalse();
        SchemaExists(fresh.Schema).ShouldBeFalse();
    }

    [Fact]
    public async Task RestoreToPostgres_ServerUnreachable_StoreUnavailableKeyFileRemoved()
    {
        var backup = await BackupOfPopulatedStore();

        var refused = Should.Throw<WalletStoreException>(() =>
            WalletBackup.RestoreToPostgres(backup, "p", Combine("other.key"), "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2"));

        refused.Code.ShouldBe("store-unavailable");
        File.Exists(Combine("other.key")).ShouldBeFalse();
        Directory.GetFiles(_directory).Select(Path.GetFileName).ShouldBe(["wallet.backup", "wallet.key", "wallet.db"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Write_StoreOfAnotherWallet_StoreWrongWalletNoBackup(string engine)
    {
        var other = new Address(PrivateKey.Generate().PublicKey);
        using var store = Target(engine).Open(other);

        var refused = Should.Throw<WalletStoreException>(() => WalletBackup.Write(Combine("x.backup"), _wallet, store, "p", Cheap));

        refused.Code.ShouldBe("store-wrong-wallet");
        File.Exists(Combine("x.backup")).ShouldBeFalse();
    }

    public static TheoryData<string> Engines => StoreTarget.Engines;

    public void Dispose()
    {
        foreach (var target in _targets)
        {
            target.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task Populate(WalletStore store)
    {
        store.SetMeta("chain-id", "engines-test");
        var policy = store.CreateSpendingPolicy(new FakeTimeProvider(T0));
        policy.Grant(PermissionScope.ForPayTo(Provider), new SpendingLimits { Total = Amount.FromUtia(5_000) });
        (await policy.AuthorizeAsync(new PermissionRequest(null, "http://api.test", Provider, "http://api.test/x", Amount.FromUtia(1_100), Amount.FromUtia(100)), null, default)).Commit();
        for (byte n = 1; n <= 3; n++)
        {
            store.RecordPayment(Payment(n));
        }

        var coin = new OutPoint(Hash32.Compute([9]), 0);
        store.TryClaimOutput(coin, Amount.FromUtia(7_000), "owner", T0, T0.AddMinutes(1)).ShouldBeTrue();
        store.MarkOutputSpent(coin, T0);
    }

    private async Task<string> BackupOfPopulatedStore()
    {
        var backup = Combine("wallet.backup");
        using var store = WalletStore.OpenSqlite(Combine("wallet.db"), _address);
        await Populate(store);
        WalletBackup.Write(backup, _wallet, store, "p", Cheap);
        return backup;
    }

    private static bool SchemaExists(string schema)
    {
        using var connection = new NpgsqlConnection(StoreTarget.PostgresConnection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM information_schema.schemata WHERE schema_name = @s";
        command.Parameters.AddWithValue("s", schema);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private StoreTarget Target(string engine)
    {
        var target = new StoreTarget(engine);
        _targets.Add(target);
        return target;
    }

    private string Combine(params string[] parts) => Path.Combine([_directory, .. parts]);

    private static PaymentRecord Row(PaymentRecord payment) => payment with { Transaction = [] };

    private static string Hex(PaymentRecord payment) => Convert.ToHexString(payment.Transaction);

    private static PaymentRecord Payment(byte n) => new(
        Hash32.Compute([n]), PaymentState.Settled, Provider, "http://api.test/x", Amount.FromUtia(1_000), Amount.FromUtia(100),
        new OutPoint(Hash32.Compute([n, n]), 0), [1, 2, 3, n], 1_800_000_000, T0, T0.AddSeconds(n), 0, "{\"r\":" + n + "}", null, null);
}
