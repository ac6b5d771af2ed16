using System.Diagnostics;
using System.Net;
using Fontana.Core;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Store;

/// <summary>Issue 13's bad input against a real store and real paid calls (in-test node and provider on Kestrel): a
/// truncated store file, a store another process keeps locked past the busy timeout, a zero budget and an expired
/// permission kept in the store (both engines). Each is refused with its code; nothing is spent and the store is left as
/// it was. (Garbage bytes, another wallet's store, a newer schema: <see cref="WalletStoreTests"/>; backups:
/// <see cref="WalletBackupTests"/>; the list: docs/wallet.md, *Bad input*.)</summary>
public sealed class StoreBadInputTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private PaidApiFixture _api = null!;

    public static TheoryData<string> Engines => StoreTarget.Engines;

    private Amount CallCost => _api.Provider.Price + _api.Ledger.MinFee;

    public async Task InitializeAsync() => _api = await PaidApiFixture.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public void OpenSqlite_TruncatedStore_StoreCorruptFileUntouched()
    {
        using var target = new StoreTarget(StoreTarget.Sqlite);
        using (var store = target.Open(_api.WalletAddress))
        {
            for (var i = 0; i < 300; i++)
            {
                store.RecordPayment(Payment(i));
            }
        }

        // Closing the last connection checkpoints the WAL into the file: the whole store is in wallet.db now.
        var whole = File.ReadAllBytes(target.SqlitePath);
        whole.Length.ShouldBeGreaterThan(64 * 1024);
        var truncated = whole[..(whole.Length / 2)];
        File.WriteAllBytes(target.SqlitePath, truncated);

        var refused = Should.Throw<WalletStoreException>(() => target.Open(_api.WalletAddress));

        refused.Code.ShouldBe("store-corrupt");
        refused.Message.ShouldContain(target.SqlitePath);
        File.ReadAllBytes(target.SqlitePath).ShouldBe(truncated);
    }

    [Fact]
    public void OpenSqlite_AnotherProcessHoldsAnExclusiveLock_StoreLockedAfterTheBusyTimeout()
    {
        using var target = new StoreTarget(StoreTarget.Sqlite);
        target.Open(_api.WalletAddress).Dispose();
        var before = File.ReadAllBytes(target.SqlitePath);
        using var holder = LockHolder.Start(target.SqlitePath, exclusiveMode: true);

        var refused = Should.Throw<WalletStoreException>(() => WalletStore.OpenSqlite(target.SqlitePath, _api.WalletAddress, TimeSpan.FromMilliseconds(300)));

        refused.Code.ShouldBe("store-locked");
        holder.Release();
        File.ReadAllBytes(target.SqlitePath).ShouldBe(before);
        using var store = target.Open(_api.WalletAddress);
        store.GetMeta("address").ShouldBe(_api.WalletAddress.ToString());
    }

    [Fact]
    public async Task PaidCall_AnotherProcessHoldsTheStoreLocked_StoreLockedNothingSpentPaysOnceFree()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        using var target = new StoreTarget(StoreTarget.Sqlite);
        using var store = WalletStore.OpenSqlite(target.SqlitePath, _api.WalletAddress, TimeSpan.FromMilliseconds(300));
        var (payer, http) = _api.CreatePayer(o =>
        {
            o.Store = store;
            o.Monitor.Enabled = false;
        });
        using var _ = payer;
        using var __ = http;
        using (var first = await http.GetAsync(_api.Url("paid")))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var balance = _api.Ledger.BalanceOf(_api.WalletAddress);
        using (var holder = LockHolder.Start(target.SqlitePath, exclusiveMode: false))
        {
            var refused = await Should.ThrowAsync<WalletStoreException>(() => http.GetAsync(_api.Url("paid")));

            refused.Code.ShouldBe("store-locked");
            _api.Provider.PaidRequests.ShouldBe(1);
            _api.Ledger.Submissions.ShouldBe(1);
            _api.Ledger.BalanceOf(_api.WalletAddress).ShouldBe(balance);
        }

        using (var after = await http.GetAsync(_api.Url("paid")))
        {
            after.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        _api.Provider.PaidRequests.ShouldBe(2);
        store.CountPayments()[PaymentState.Settled].ShouldBe(2);
        store.CountPayments().Values.Sum().ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PaidCall_ZeroBudgetInTheStore_BudgetExceededNothingSpentNothingRecorded(string engine)
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        using var target = new StoreTarget(engine);
        using var store = target.Open(_api.WalletAddress);
        store.CreateSpendingPolicy().Grant(PermissionScope.ForPayTo(_api.Provider.PayTo), new SpendingLimits { PerDay = Amount.Zero });
        var (payer, http) = _api.CreatePayer(o =>
        {
            o.Store = store;
            o.Monitor.Enabled = false;
        });
        using var _ = payer;
        using var __ = http;

        var refused = await Should.ThrowAsync<BudgetExceededException>(() => http.GetAsync(_api.Url("paid")));

        refused.Code.ShouldBe("budget-exceeded");
        refused.Limit.ShouldBe(LimitNames.PerDay);
        refused.Maximum.ShouldBe(Amount.Zero);
        _api.Provider.PaidRequests.ShouldBe(0);
        _api.Ledger.Submissions.ShouldBe(0);
        _api.Ledger.BalanceOf(_api.WalletAddress).ShouldBe(Amount.FromTia(1));
        store.CountPayments().Values.Sum().ShouldBe(0);
        store.CreateSpendingPolicy().GetSpent(PermissionScope.ForPayTo(_api.Provider.PayTo)).Total.ShouldBe(Amount.Zero);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PaidCall_PermissionInTheStoreExpired_PermissionExpiredNothingSpentPermissionKept(string engine)
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        using var target = new StoreTarget(engine);
        using var store = target.Open(_api.WalletAddress);
        var scope = PermissionScope.ForPayTo(_api.Provider.PayTo);
        var now = TimeProvider.System.GetUtcNow();
        // Granted an hour ago (another process's clock), for 59 minutes.
        store.CreateSpendingPolicy(new FakeTimeProvider(now.AddHours(-1))).Grant(scope, new SpendingLimits { Total = CallCost * 10 }, expiresAt: now.AddSeconds(-1));
        var (payer, http) = _api.CreatePayer(o =>
        {
            o.Store = store;
            o.Monitor.Enabled = false;
        });
        using var _ = payer;
        using var __ = http;

        var refused = await Should.ThrowAsync<PermissionExpiredException>(() => http.GetAsync(_api.Url("paid")));

        refused.Code.ShouldBe("permission-expired");
        refused.Scope.ShouldBe(scope);
        _api.Provider.PaidRequests.ShouldBe(0);
        _api.Ledger.Submissions.ShouldBe(0);
        _api.Ledger.BalanceOf(_api.WalletAddress).ShouldBe(Amount.FromTia(1));
        store.CountPayments().Values.Sum().ShouldBe(0);
        var kept = store.CreateSpendingPolicy().Get(scope)!;
        kept.ExpiresAt!.Value.ToUnixTimeSeconds().ShouldBe(now.AddSeconds(-1).ToUnixTimeSeconds());
        kept.Limits.Total.ShouldBe(CallCost * 10);
    }

    private PaymentRecord Payment(int n)
    {
        var bytes = BitConverter.GetBytes(n);
        return new PaymentRecord(
            Hash32.Compute(bytes), PaymentState.Settled, _api.Provider.PayTo, "http://api.test/x", Amount.FromUtia(1_000), Amount.FromUtia(100),
            new OutPoint(Hash32.Compute([.. bytes, 1]), 0), new byte[200], 1_800_000_000, T0, T0, 0, null, null, null);
    }

    /// <summary>Another process (python3's sqlite3 module, a separate SQLite client) holding the store's write lock —
    /// with <c>locking_mode=EXCLUSIVE</c> readers are shut out too — until <see cref="Release"/>.</summary>
    private sealed class LockHolder : IDisposable
    {
        private const string Script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            if sys.argv[2] == "exclusive":
                c.execute("PRAGMA locking_mode = EXCLUSIVE")
            c.execute("BEGIN EXCLUSIVE")
            c.execute("UPDATE wallet_meta SET value = value WHERE key = 'address'")
            print("locked", flush=True)
            sys.stdin.readline()
            c.execute("ROLLBACK")
            c.close()
            """;

        private readonly Process _process;

        private LockHolder(Process process) => _process = process;

        public static LockHolder Start(string path, bool exclusiveMode)
        {
            var info = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(Script);
            info.ArgumentList.Add(path);
            info.ArgumentList.Add(exclusiveMode ? "exclusive" : "normal");
            var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start (it is needed as a second SQLite process)");
            var line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            line.ShouldBe("locked", "the lock-holding process did not take the lock");
            return new LockHolder(process);
        }

        public void Release()
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine();
                _process.StandardInput.Flush();
                _process.WaitForExit(60_000).ShouldBeTrue();
            }
        }

        public void Dispose()
        {
            Release();
            _process.Dispose();
        }
    }
}
