using System.Net;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.X402;
using Fontana.Ledger;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary>A provider that settles through the node's x402 facilitator over HTTP (both on real Kestrel).</summary>
public sealed class RemoteSettlementTests(RemoteFixture fixture) : IClassFixture<RemoteFixture>
{
    private TestChain Chain => fixture.Chain;

    private HttpClient Client => fixture.Provider.Client;

    [Fact]
    public async Task Get_Paid_SettlesThroughNode_Returns200WithReceipt()
    {
        var payer = fixture.NextPayer();
        var before = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);
        var required = await Client.GetRequiredAsync("/weather");
        FontanaChallenge.FromExtra(required.Accepts[0].Extra).LedgerUrl.ShouldBe(fixture.Node.BaseAddress.ToString().TrimEnd('/'));
        var payment = new TestPayment(required, Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);

        using var response = await Client.GetPaidAsync("/weather", payment.Build());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var settlement = response.PaymentResponse();
        settlement.Transaction.ShouldBe(payment.Transaction!.TxId.ToString());
        FontanaExactReceipt.TryRead(settlement, out var dto).ShouldBeTrue();
        FontanaExactReceipt.TryToReceipt(dto, out var receipt).ShouldBeTrue();
        receipt.Verify(TestChain.ChainId, Chain.Sequencer.PublicKey).ShouldBeTrue();
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(before + Amount.FromUtia(1000));
    }

    [Fact]
    public async Task Get_PaidWithTheChallengeOnlyInAccepted_NodeChecksThatCopyAndSettles()
    {
        var payer = fixture.NextPayer();
        var before = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount)
        {
            ChallengeInPayload = false,
        };

        using var response = await Client.GetPaidAsync("/weather", payment.Build());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.PaymentResponse().Transaction.ShouldBe(payment.Transaction!.TxId.ToString());
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(before + Amount.FromUtia(1000));
    }

    [Fact]
    public async Task Get_SamePaymentRetried_IsServedAgain()
    {
        var payer = fixture.NextPayer();
        var header = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build();
        using var first = await Client.GetPaidAsync("/weather", header);

        using var retry = await Client.GetPaidAsync("/weather", header);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.PaymentResponse().Transaction.ShouldBe(first.PaymentResponse().Transaction);
    }

    [Fact]
    public async Task Get_SpentInput_Returns402InputSpentFromNode()
    {
        var payer = fixture.NextPayer();
        using var first = await Client.GetPaidAsync(
            "/weather", new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build());
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var balance = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);

        using var second = await Client.GetPaidAsync(
            "/weather", new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build());

        await second.ShouldBeRefusedAsync(X402ErrorReasons.InputSpent);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(balance);
    }

    [Fact]
    public async Task Get_WrongAmount_IsRefusedByProviderBeforeTheNode()
    {
        var payer = fixture.NextPayer();
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount)
        {
            PayAmount = Amount.FromUtia(1),
        };

        using var response = await Client.GetPaidAsync("/weather", payment.Build());

        await response.ShouldBeRefusedAsync(X402ErrorReasons.AmountMismatch);
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Unspent);
    }

    [Fact]
    public async Task Get_NodeUnreachable_Returns503AndNothingIsSpent()
    {
        var payer = fixture.NextPayer();
        await using var orphan = await ProviderApp.StartAsync(Chain, SettlementMode.Remote, new Uri("http://127.0.0.1:1/"));
        var payment = new TestPayment(await orphan.Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);

        using var response = await orphan.Client.GetPaidAsync("/weather", payment.Build());

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.PaymentResponse().ErrorReason.ShouldBe(X402ErrorReasons.UnexpectedSettleError);
        orphan.WeatherCalls.ShouldBe(0);
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Unspent);
    }

    [Fact]
    public async Task Replay_AfterRestartOfAProviderWithTheInMemoryStore_IsRefusedAndNotRunAgain()
    {
        var payer = fixture.NextPayer();
        var provider = await ProviderApp.StartAsync(Chain, SettlementMode.Remote, fixture.Node.BaseAddress);
        var header = new TestPayment(await provider.Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build();
        using (var first = await provider.Client.GetPaidAsync("/weather", header))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var address = provider.BaseAddress;
        await provider.DisposeAsync();
        await using var restarted = await ProviderApp.StartAsync(Chain, SettlementMode.Remote, fixture.Node.BaseAddress, listenOn: address);

        using var replay = await restarted.Client.GetPaidAsync("/weather", header);

        await replay.ShouldBeRefusedAsync(X402ErrorReasons.PaidCallNotReplayable);
        restarted.WeatherCalls.ShouldBe(0);
    }
}
