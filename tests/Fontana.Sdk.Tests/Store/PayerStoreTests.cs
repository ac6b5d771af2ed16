using System.Net;
using Fontana.Core;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Store;

/// <summary>A payer with a store records every payment before sending it and moves it to its outcome; permissions
/// and spend set through one payer hold for the next one over the same store.</summary>
public sealed class PayerStoreTests : IAsyncLifetime
{
    private PaidApiFixture _api = null!;

    public async Task InitializeAsync() => _api = await PaidApiFixture.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string> Engines => StoreTarget.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PaidCalls_WithStore_SettledWithReceiptsRefusedRecordedBudgetKeptAcrossPayers(string engine)
    {
        using var target = new StoreTarget(engine);
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        var cost = _api.Provider.Price + _api.Ledger.MinFee;
        using var store = target.Open(_api.WalletAddress);
        var (payer, http) = _api.CreatePayer(o => o.Store = store);
        using (payer)
        using (http)
        {
            payer.Permissions.Grant(PermissionScope.ForPayTo(_api.Provider.PayTo), new SpendingLimits { Total = cost * 3 });
            for (var i = 0; i < 2; i++)
            {
                using var ok = await http.GetAsync(_api.Url("paid"));
                ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            _api.Provider.Mode = InTestProvider.Behaviour.RejectWithReason;
            await Should.ThrowAsync<FontanaPaymentException>(() => http.GetAsync(_api.Url("paid")));
            _api.Provider.Mode = InTestProvider.Behaviour.Normal;
        }

        var history = store.ListPayments();
        history.Count(p => p.State == PaymentState.Settled).ShouldBe(2);
        history.Count(p => p.State == PaymentState.Refused).ShouldBe(1);
        history.Where(p => p.State == PaymentState.Settled).ShouldAllBe(p => p.Receipt != null && p.PayTo == _api.Provider.PayTo);

        // A new payer over the same store: the budget has one call left.
        var (next, nextHttp) = _api.CreatePayer(o => o.Store = store);
        using (next)
        using (nextHttp)
        {
            next.Permissions.GetSpent(PermissionScope.ForPayTo(_api.Provider.PayTo)).Total.ShouldBe(cost * 2);
            using (var third = await nextHttp.GetAsync(_api.Url("paid")))
            {
                third.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            var refused = await Should.ThrowAsync<BudgetExceededException>(() => nextHttp.GetAsync(_api.Url("paid")));
            refused.Limit.ShouldBe(LimitNames.Total);
        }

        _api.Ledger.BalanceOf(_api.Provider.PayTo).ShouldBe(_api.Provider.Price * 3);
    }
}
