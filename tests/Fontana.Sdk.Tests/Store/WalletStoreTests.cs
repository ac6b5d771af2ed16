using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Store;

/// <summary>The wallet store on both engines: migrations, identity, payments, permissions and counters, and its
/// failure codes.</summary>
public class WalletStoreTests
{
    private static readonly Address Wallet = new(PrivateKey.Generate().PublicKey);
    private static readonly Address Other = new(PrivateKey.Generate().PublicKey);
    private static readonly Address Provider = new(PrivateKey.Generate().PublicKey);
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Engines => StoreTarget.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public void Open_NewThenReopen_MigratedOnceSameWallet(string engine)
    {
        using var target = new StoreTarget(engine);
        using (var store = target.Open(Wallet))
        {
            store.SchemaVersion.ShouldBe(2);
            store.Engine.ShouldBe(engine);
            store.GetMeta("address").ShouldBe(Wallet.ToString());
        }

        using var again = target.Open(Wallet);
        again.SchemaVersion.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Open_StoreOfAnotherWallet_StoreWrongWalletNothingChanged(string engine)
    {
        using var target = new StoreTarget(engine);
        using (var store = target.Open(Wallet))
        {
            store.RecordPayment(Payment(1));
        }

        var refused = Should.Throw<WalletStoreException>(() => target.Open(Other));

        refused.Code.ShouldBe("store-wrong-wallet");
        using var mine = target.Open(Wallet);
        mine.ListPayments().Count.ShouldBe(1);
        mine.GetMeta("address").ShouldBe(Wallet.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Open_SchemaNewerThanCode_StoreTooNew(string engine)
    {
        using var target = new StoreTarget(engine);
        target.Open(Wallet).Dispose();
        target.Sql("INSERT INTO schema_version (version) VALUES (99)");

        Should.Throw<WalletStoreException>(() => target.Open(Wallet)).Code.ShouldBe("store-too-new");
    }

    [Fact]
    public void OpenSqlite_FileIsNotADatabase_StoreCorruptFileUntouched()
    {
        using var target = new StoreTarget(StoreTarget.Sqlite);
        var garbage = new byte[8192];
        Random.Shared.NextBytes(garbage);
        File.WriteAllBytes(target.SqlitePath, garbage);

        Should.Throw<WalletStoreException>(() => target.Open(Wallet)).Code.ShouldBe("store-corrupt");
        File.ReadAllBytes(target.SqlitePath).ShouldBe(garbage);
    }

    [Fact]
    public void OpenSqlite_LockedByAnotherWriter_StoreLocked()
    {
        using var target = new StoreTarget(StoreTarget.Sqlite);
        target.Open(Wallet).Dispose();
        using var holder = new SqliteConnection($"Data Source={target.SqlitePath};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var refused = Should.Throw<WalletStoreException>(() => WalletStore.OpenSqlite(target.SqlitePath, Wallet, TimeSpan.FromMilliseconds(50)));

        refused.Code.ShouldBe("store-locked");
    }

    [Fact]
    public void OpenPostgres_ServerUnreachable_StoreUnavailable()
    {
        var refused = Should.Throw<WalletStoreException>(() =>
            WalletStore.OpenPostgres("Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2", Wallet));

        refused.Code.ShouldBe("store-unavailable");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Payments_PendingThenSettledThenFinal_HistoryKeepsEachStep(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var payment = Payment(7);
        store.RecordPayment(payment);
        store.RecordPayment(payment with { State = PaymentState.Refused });

        store.GetPayment(payment.TxId)!.State.ShouldBe(PaymentState.Pending);
        store.UpdatePayment(payment.TxId, PaymentState.Settled, T0.AddSeconds(1), receipt: "{\"r\":1}").ShouldBeTrue();
        store.UpdatePayment(payment.TxId, PaymentState.Unknown, T0.AddSeconds(2)).ShouldBeFalse();
        store.ListUnproven(maxAttempts: 3).Select(p => p.TxId).ShouldBe([payment.TxId]);
        store.CountProofAttempt(payment.TxId, T0.AddSeconds(3)).ShouldBe(1);
        store.RecordFinalReceipt(payment.TxId, "{\"final\":1}", T0.AddSeconds(4)).ShouldBeTrue();

        var stored = store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Settled);
        stored.Receipt.ShouldBe("{\"r\":1}");
        stored.FinalReceipt.ShouldBe("{\"final\":1}");
        stored.ProofAttempts.ShouldBe(1);
        stored.Transaction.ShouldBe(payment.Transaction);
        stored.Price.ShouldBe(payment.Price);
        store.ListUnproven(maxAttempts: 3).ShouldBeEmpty();
        store.ListPayments(PaymentState.Settled).Count.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SpendingPolicy_PermissionsAndCounters_SurviveReopen(string engine)
    {
        using var target = new StoreTarget(engine);
        var time = new FakeTimeProvider(T0);
        var scope = PermissionScope.ForPayTo(Provider);
        using (var store = target.Open(Wallet))
        {
            var policy = store.CreateSpendingPolicy(time);
            policy.Grant(scope, new SpendingLimits { Total = Amount.FromUtia(1_000), PerHour = Amount.FromUtia(800) }, T0.AddDays(1));
            policy.Deny(PermissionScope.ForApp("rogue"));
            (await policy.AuthorizeAsync(Request(600), null, default)).Commit();
        }

        using var reopened = target.Open(Wallet);
        var again = reopened.CreateSpendingPolicy(time);
        again.List().Count.ShouldBe(2);
        again.Get(scope)!.Limits.Total.ShouldBe(Amount.FromUtia(1_000));
        again.Get(scope)!.ExpiresAt.ShouldBe(T0.AddDays(1));
        again.GetSpent(scope).Total.ShouldBe(Amount.FromUtia(600));
        var refused = await Should.ThrowAsync<BudgetExceededException>(async () => await again.AuthorizeAsync(Request(300), null, default));
        refused.Limit.ShouldBe(LimitNames.PerHour);
        again.Revoke(PermissionScope.ForApp("rogue")).ShouldBeTrue();
        reopened.CreateSpendingPolicy(time).List().Count.ShouldBe(1);
    }

    private static PermissionRequest Request(ulong utia) => new(null, "http://api.test", Provider, "http://api.test/x", Amount.FromUtia(utia), Amount.Zero);

    private static PaymentRecord Payment(byte n) => new(
        Hash32.Compute([n]), PaymentState.Pending, Provider, "http://api.test/x", Amount.FromUtia(1_000), Amount.FromUtia(100),
        new OutPoint(Hash32.Compute([n, n]), 0), [1, 2, 3, n], 1_800_000_000, T0, T0, 0, null, null, null);
}
