using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Store;

/// <summary>Budgets kept in the shared wallet store, on both engines: every policy over the store (one per process, each
/// with its own connection) checks and reserves in one store transaction, so together they never exceed a limit.</summary>
public sealed class SharedBudgetTests : IAsyncLifetime
{
    private static readonly Address Provider = new(PrivateKey.Generate().PublicKey);
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 30, 0, TimeSpan.Zero);
    private PaidApiFixture _api = null!;

    public static TheoryData<string> Engines => StoreTarget.Engines;

    public async Task InitializeAsync() => _api = await PaidApiFixture.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Authorize_EightConnectionsRacingForTenCallBudget_ExactlyTenReserved(string engine)
    {
        using var target = new StoreTarget(engine);
        var stores = Enumerable.Range(0, 8).Select(_ => target.Open(_api.WalletAddress)).ToArray();
        try
        {
            var time = new FakeTimeProvider(T0);
            stores[0].CreateSpendingPolicy(time).Grant(PermissionScope.ForPayTo(Provider), new SpendingLimits { Total = Amount.FromUtia(1_000) });
            var policies = stores.Select(s => s.CreateSpendingPolicy(time)).ToArray();

            var outcomes = await Task.WhenAll(policies.SelectMany(p => Enumerable.Range(0, 10).Select(_ => p)).Select(p => Task.Run(async () =>
            {
                try
                {
                    (await p.AuthorizeAsync(Request(100), null, default)).Commit();
                    return true;
                }
                catch (BudgetExceededException ex) when (ex.Limit == LimitNames.Total)
                {
                    return false;
                }
            })));

            outcomes.Count(ok => ok).ShouldBe(10);
            policies[3].GetSpent(PermissionScope.ForPayTo(Provider)).Total.ShouldBe(Amount.FromUtia(1_000));
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Authorize_ReservationOfAnotherProcessInFlight_CountsUntilReleased(string engine)
    {
        using var target = new StoreTarget(engine);
        using var a = target.Open(_api.WalletAddress);
        using var b = target.Open(_api.WalletAddress);
        var time = new FakeTimeProvider(T0);
        var scope = PermissionScope.ForPayTo(Provider);
        a.CreateSpendingPolicy(time).Grant(scope, new SpendingLimits { PerHour = Amount.FromUtia(1_000) });
        var first = a.CreateSpendingPolicy(time);
        var second = b.CreateSpendingPolicy(time);

        var held = await first.AuthorizeAsync(Request(700), null, default);
        var refused = await Should.ThrowAsync<BudgetExceededException>(async () => await second.AuthorizeAsync(Request(700), null, default));
        refused.Limit.ShouldBe(LimitNames.PerHour);
        refused.Used.ShouldBe(Amount.FromUtia(700));

        held.Release();
        (await second.AuthorizeAsync(Request(700), null, default)).Commit();
        first.GetSpent(scope).ThisHour.ShouldBe(Amount.FromUtia(700));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Release_AfterTheHourTurned_TakesBackOnlyFromTotalAndDay(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(_api.WalletAddress);
        var time = new FakeTimeProvider(T0);
        var scope = PermissionScope.ForPayTo(Provider);
        var policy = store.CreateSpendingPolicy(time);
        policy.Grant(scope, new SpendingLimits { PerHour = Amount.FromUtia(10_000) });
        (await policy.AuthorizeAsync(Request(300), null, default)).Commit();
        var late = await policy.AuthorizeAsync(Request(200), null, default);

        time.Advance(TimeSpan.FromHours(1));
        (await policy.AuthorizeAsync(Request(50), null, default)).Commit();
        late.Release();

        var spent = policy.GetSpent(scope);
        spent.Total.ShouldBe(Amount.FromUtia(350));
        spent.Today.ShouldBe(Amount.FromUtia(350));
        spent.ThisHour.ShouldBe(Amount.FromUtia(50));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Grant_ByAnotherProcessWhilePaying_AppliesToTheNextPayment(string engine)
    {
        using var target = new StoreTarget(engine);
        using var worker = target.Open(_api.WalletAddress);
        using var cli = target.Open(_api.WalletAddress);
        var time = new FakeTimeProvider(T0);
        var policy = worker.CreateSpendingPolicy(time);
        (await policy.AuthorizeAsync(Request(100), null, default)).Commit();

        cli.CreateSpendingPolicy(time).Deny(PermissionScope.ForPayTo(Provider));

        await Should.ThrowAsync<PermissionDeniedException>(async () => await policy.AuthorizeAsync(Request(100), null, default));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PaidCalls_FourPayersOneStoreSharedBudget_ExactlyBudgetPaidRestBudgetExceeded(string engine)
    {
        using var target = new StoreTarget(engine);
        for (var i = 0; i < 8; i++)
        {
            _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        }

        var cost = _api.Provider.Price + _api.Ledger.MinFee;
        var stores = Enumerable.Range(0, 4).Select(_ => target.Open(_api.WalletAddress)).ToArray();
        stores[0].CreateSpendingPolicy().Grant(PermissionScope.ForPayTo(_api.Provider.PayTo), new SpendingLimits { Total = cost * 30 });
        var payers = stores.Select(store => _api.CreatePayer(o =>
        {
            o.Store = store;
            o.LockTimeout = TimeSpan.FromMinutes(2);
            o.Monitor.Enabled = false;
        })).ToArray();
        try
        {
            var outcomes = await Task.WhenAll(payers.SelectMany(p => Enumerable.Range(0, 25).Select(_ => p.Http)).Select(async http =>
            {
                try
                {
                    using var response = await http.GetAsync(_api.Url("paid"));
                    return response.StatusCode == HttpStatusCode.OK ? "paid" : "status " + response.StatusCode;
                }
                catch (BudgetExceededException ex) when (ex.Code == "budget-exceeded" && ex.Limit == LimitNames.Total)
                {
                    return "budget";
                }
            }));

            outcomes.Count(o => o == "paid").ShouldBe(30);
            outcomes.Count(o => o == "budget").ShouldBe(70);
            _api.Provider.PaidRequests.ShouldBe(30);
            _api.Ledger.BalanceOf(_api.Provider.PayTo).ShouldBe(_api.Provider.Price * 30);
            stores[2].CountPayments()[PaymentState.Settled].ShouldBe(30);
            payers[1].Payer.Permissions.GetSpent(PermissionScope.ForPayTo(_api.Provider.PayTo)).Total.ShouldBe(cost * 30);
        }
        finally
        {
            foreach (var (payer, http) in payers)
            {
                http.Dispose();
                payer.Dispose();
            }

            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    private static PermissionRequest Request(ulong utia) => new(null, "http://api.test", Provider, "http://api.test/x", Amount.FromUtia(utia), Amount.Zero);
}
