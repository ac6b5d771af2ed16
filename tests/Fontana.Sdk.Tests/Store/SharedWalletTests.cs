using System.Net;
using Fontana.Core;
using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Store;

/// <summary>Several payers of one wallet, each with its own connection to one store (as separate processes have),
/// paying concurrently: coins are leased through the store, so the ledger never sees two payments of one coin.</summary>
public sealed class SharedWalletTests : IAsyncLifetime
{
    private PaidApiFixture _api = null!;

    public static TheoryData<string> Engines => StoreTarget.Engines;

    public async Task InitializeAsync() => _api = await PaidApiFixture.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PaidCalls_FourPayersOneWalletOneStore_NoInputSpentAllSettledOnce(string engine)
    {
        using var target = new StoreTarget(engine);
        for (var i = 0; i < 12; i++)
        {
            _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(50_000));
        }

        var stores = Enumerable.Range(0, 4).Select(_ => target.Open(_api.WalletAddress)).ToArray();
        var payers = stores.Select(store => _api.CreatePayer(o =>
        {
            o.Store = store;
            o.UseStream = true;
            o.RefreshInterval = TimeSpan.FromMilliseconds(500);
            o.LockTimeout = TimeSpan.FromMinutes(2);
            o.Monitor.Enabled = false;
        })).ToArray();
        try
        {
            var calls = payers.SelectMany(p => Enumerable.Range(0, 25).Select(_ => p.Http)).Select(async http =>
            {
                using var response = await http.GetAsync(_api.Url("paid"));
                return response.StatusCode;
            });

            var statuses = await Task.WhenAll(calls);

            statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
            _api.Ledger.InputSpentRejections.ShouldBe(0);
            _api.Ledger.BalanceOf(_api.Provider.PayTo).ShouldBe(_api.Provider.Price * 100);
            stores[0].CountPayments()[PaymentState.Settled].ShouldBe(100);
            payers.Sum(p => p.Payer.CoinLeaseClaims.Claimed).ShouldBeGreaterThanOrEqualTo(100);
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

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task PaidCalls_FourPayersDrainTheSharedWallet_RestFailInsufficientFundsNotLockTimeout(string engine)
    {
        using var target = new StoreTarget(engine);
        var cost = _api.Provider.Price + _api.Ledger.MinFee;
        for (var i = 0; i < 12; i++)
        {
            _api.Ledger.Fund(_api.WalletAddress, cost); // 12 coins of exactly one call: no change, no split
        }

        var stores = Enumerable.Range(0, 4).Select(_ => target.Open(_api.WalletAddress)).ToArray();
        var payers = stores.Select(store => _api.CreatePayer(o =>
        {
            o.Store = store;
            o.UseStream = true;
            o.RefreshInterval = TimeSpan.FromMilliseconds(500);
            o.LockTimeout = TimeSpan.FromMinutes(10); // a lock timeout would only come after the test's own limit
            o.Monitor.Enabled = false;
        })).ToArray();
        try
        {
            await Task.WhenAll(payers.Select(p => p.Payer.InitializeAsync()));
            var outcomes = await Task.WhenAll(payers.SelectMany(p => Enumerable.Range(0, 10).Select(_ => p.Http)).Select(async http =>
            {
                try
                {
                    using var response = await http.GetAsync(_api.Url("paid"));
                    return response.StatusCode == HttpStatusCode.OK ? "paid" : "status " + response.StatusCode;
                }
                catch (InsufficientFundsException ex) when (ex.Code == "insufficient-funds")
                {
                    return "insufficient-funds";
                }
                catch (FontanaPaymentException ex)
                {
                    return ex.Code;
                }
            })).WaitAsync(TimeSpan.FromMinutes(5));

            // On failure: what the calls ended as, and what the wallet still holds on the ledger (a split's change would show).
            var seen = string.Join(", ", outcomes.Distinct()) + "; left on the ledger: "
                + string.Join(", ", _api.Ledger.UtxosOf(_api.WalletAddress).Select(u => u.Amount)) + " (one call costs " + cost.Utia + " utia)";
            outcomes.Count(o => o == "paid").ShouldBe(12, seen);
            outcomes.Count(o => o == "insufficient-funds").ShouldBe(28, seen);
            _api.Ledger.Submissions.ShouldBe(12, "12 coins of one call each: 12 payments and nothing else (no split)");
            _api.Ledger.InputSpentRejections.ShouldBe(0);
            _api.Ledger.BalanceOf(_api.Provider.PayTo).ShouldBe(_api.Provider.Price * 12);
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
}
