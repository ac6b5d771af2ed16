using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Core.X402;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Payments;

public sealed class PaymentHandlerTests : IAsyncLifetime
{
    private PaidApiFixture _api = null!;

    public async Task InitializeAsync() => _api = await PaidApiFixture.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task SendAsync_402_PaysRetriesOnceAndAttachesVerifiedReceipt()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            using var response = await http.GetAsync(_api.Url("/paid"));

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldBe("paid:");
            var receipt = response.GetFontanaReceipt().ShouldNotBeNull();
            receipt.Price.ShouldBe(Amount.FromUtia(1_000));
            receipt.Fee.ShouldBe(Amount.FromUtia(100));
            receipt.PayTo.ShouldBe(_api.Provider.PayTo);
            receipt.Payer.ShouldBe(_api.WalletAddress);
            receipt.ReceiptVerified.ShouldBeTrue();
            receipt.Receipt!.TxId.ShouldBe(receipt.TxId.ToString());
            _api.Provider.UnpaidRequests.ShouldBe(1);
            _api.Provider.PaidRequests.ShouldBe(1);
            _api.Ledger.BalanceOf(_api.Provider.PayTo).ShouldBe(Amount.FromUtia(1_000));
            _api.Ledger.BalanceOf(_api.WalletAddress).ShouldBe(Amount.FromUtia(98_900));
            payer.AvailableFunds.ShouldBe(Amount.FromUtia(98_900));
            payer.LockedOutputs.ShouldBe(0);
        }
    }

    [Fact]
    public async Task SendAsync_ManyCalls_ChainInfoFetchedOnceAndChangeReusedWithoutRefresh()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await http.GetAsync(_api.Url("/paid"));
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            _api.Node.InfoRequests.ShouldBe(1);
            _api.Node.UtxoListings.ShouldBe(1);
            payer.AvailableFunds.ShouldBe(Amount.FromUtia(100_000 - (5 * 1_100)));
        }
    }

    [Fact]
    public async Task SendAsync_PostBody_IsResentWithThePayment()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            using var response = await http.PostAsync(_api.Url("/paid"), new StringContent("hello body"));
            (await response.Content.ReadAsStringAsync()).ShouldBe("paid:hello body");
        }
    }

    [Fact]
    public async Task SendAsync_FreeEndpoint_PassesThroughWithoutReceipt()
    {
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            using var response = await http.GetAsync(_api.Url("/free"));
            (await response.Content.ReadAsStringAsync()).ShouldBe("free");
            response.GetFontanaReceipt().ShouldBeNull();
            _api.Node.InfoRequests.ShouldBe(0);
        }
    }

    [Fact]
    public async Task SendAsync_PriceAboveLimit_RefusesWithPriceTooHighAndSpendsNothing()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        var (payer, http) = _api.CreatePayer(o => o.MaxPricePerCall = Amount.FromUtia(999));
        using (payer)
        using (http)
        {
            var ex = await Should.ThrowAsync<FontanaPaymentException>(() => http.GetAsync(_api.Url("/paid")));
            ex.Code.ShouldBe("price-too-high");
            ex.Message.ShouldContain("0.001 TIA");
            _api.Provider.PaidRequests.ShouldBe(0);
            payer.AvailableFunds.ShouldBe(Amount.FromUtia(100_000));
        }
    }

    [Fact]
    public async Task SendAsync_PerRequestLimit_OverridesHandlerLimit()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _api.Url("/paid")).SetFontanaMaxPrice(Amount.FromUtia(10));
            var ex = await Should.ThrowAsync<FontanaPaymentException>(() => http.SendAsync(request));
            ex.Code.ShouldBe("price-too-high");
        }
    }

    [Fact]
    public async Task SendAsync_WalletTooPoor_ThrowsInsufficientFunds()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(1_000));
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            var ex = await Should.ThrowAsync<InsufficientFundsException>(() => http.GetAsync(_api.Url("/paid")));
            ex.Available.ShouldBe(Amount.FromUtia(1_000));
            ex.Required.ShouldBe(Amount.FromUtia(1_100));
        }
    }

    [Fact]
    public async Task SendAsync_CoinSpentBehindOurBack_MarksSpentRefreshesAndPaysWithAnother()
    {
        var small = _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(2_000));
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(50_000));
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            await payer.InitializeAsync();

            // Another process with the same wallet spends the small coin; our cache does not know yet.
            var elsewhere = new TransactionBuilder(InTestLedger.ChainId).AddInput(small)
                .AddOutput(new Address(PrivateKey.Generate().PublicKey), Amount.FromUtia(1_900)).WithFee(Amount.FromUtia(100)).Sign(_api.Wallet);
            _api.Ledger.Submit(elsewhere).Receipt.ShouldNotBeNull();

            using var response = await http.GetAsync(_api.Url("/paid"));

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.GetFontanaReceipt().ShouldNotBeNull();
            _api.Ledger.InputSpentRejections.ShouldBe(1);
            payer.Utxos.TryGet(small, out _).ShouldBeFalse();
            payer.AvailableFunds.ShouldBe(_api.Ledger.BalanceOf(_api.WalletAddress));
        }
    }

    [Fact]
    public async Task SendAsync_ProviderRefuses_ThrowsItsReasonAndReleasesTheCoin()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        _api.Provider.Mode = InTestProvider.Behaviour.RejectWithReason;
        _api.Provider.RejectReason = X402ErrorReasons.PaymentExpired;
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            var ex = await Should.ThrowAsync<FontanaPaymentException>(() => http.GetAsync(_api.Url("/paid")));

            ex.Code.ShouldBe("payment_expired");
            payer.LockedOutputs.ShouldBe(0);
            payer.AvailableFunds.ShouldBe(Amount.FromUtia(100_000));
            payer.Utxos.Count.ShouldBe(1);
        }
    }

    [Fact]
    public async Task SendAsync_OutcomeUnknown_CoinStaysLockedUntilTheNodeConfirmsIt()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(100_000));
        _api.Provider.Mode = InTestProvider.Behaviour.SettleThenFailWithoutHeader;
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            using var response = await http.GetAsync(_api.Url("/paid"));

            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            response.GetFontanaReceipt().ShouldBeNull();
            await Eventually.TrueAsync(() => payer.LockedOutputs == 0, TimeSpan.FromSeconds(10), "the node resolves the payment");
            payer.AvailableFunds.ShouldBe(Amount.FromUtia(98_900));
            payer.Utxos.GetAll().Single().Amount.ShouldBe(Amount.FromUtia(98_900));
        }
    }

    [Fact]
    public async Task SendAsync_TwoHundredConcurrentCallsOneCoin_AllPaidNoDoubleSpendBalancesExact()
    {
        const ulong initial = 10_000_000;
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(initial));
        var (payer, http) = _api.CreatePayer();
        using (payer)
        using (http)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => http.GetAsync(_api.Url("/paid"))));

            responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK && r.GetFontanaReceipt() != null);
            _api.Ledger.InputSpentRejections.ShouldBe(0);
            payer.SplitCount.ShouldBeGreaterThanOrEqualTo(1);
            payer.LockedOutputs.ShouldBe(0);
            var fees = (200 + (ulong)payer.SplitCount) * 100;
            _api.Ledger.BalanceOf(_api.Provider.PayTo).ShouldBe(Amount.FromUtia(200 * 1_000));
            _api.Ledger.BalanceOf(_api.Ledger.FeeAddress).ShouldBe(Amount.FromUtia(fees));
            _api.Ledger.BalanceOf(_api.WalletAddress).ShouldBe(Amount.FromUtia(initial - (200 * 1_000) - fees));
            payer.AvailableFunds.ShouldBe(_api.Ledger.BalanceOf(_api.WalletAddress));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}
