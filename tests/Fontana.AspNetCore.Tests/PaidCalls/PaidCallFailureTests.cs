using System.Net;
using Fontana.AspNetCore.PaidCalls;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core.Errors;
using Fontana.Core.X402;
using Fontana.Ledger;

namespace Fontana.AspNetCore.Tests.PaidCalls;

/// <summary>Exactly once when something is wrong: the store down, a bad payment identifier.</summary>
public sealed class PaidCallFailureTests : IAsyncLifetime
{
    private TestChain _chain = null!;

    public async Task InitializeAsync() => _chain = await TestChain.StartAsync(payerCount: 2);

    public async Task DisposeAsync() => await _chain.DisposeAsync();

    [Fact]
    public async Task Pay_StoreDown_Returns503WithItsCodeAndNothingIsSpentNorRun()
    {
        await using var provider = await ProviderApp.StartAsync(_chain, configure: o =>
        {
            o.PaidCalls.Store = PaidCallStoreKind.PostgreSql;
            o.PaidCalls.ConnectionString = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2";
        });
        var payment = new TestPayment(await provider.Client.GetRequiredAsync("/weather"), _chain.Payers[0], _chain.CoinOf(0), TestChain.CoinAmount);

        using var response = await provider.Client.GetPaidAsync("/weather", payment.Build());

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.ProblemCodeAsync()).ShouldBe(ErrorCodes.PaidCallStoreUnavailable);
        response.PaymentResponse().ErrorReason.ShouldBe(ErrorCodes.PaidCallStoreUnavailable);
        provider.WeatherCalls.ShouldBe(0);
        (await _chain.Ledger.GetUtxoStatusAsync(_chain.CoinOf(0))).State.ShouldBe(UtxoState.Unspent);
    }

    [Fact]
    public async Task Pay_MalformedPaymentIdentifier_Is400AndNothingIsSpent()
    {
        await using var provider = await ProviderApp.StartAsync(_chain);
        var payment = new TestPayment(await provider.Client.GetRequiredAsync("/weather"), _chain.Payers[1], _chain.CoinOf(1), TestChain.CoinAmount)
        {
            Extensions = TestPayment.PaymentIdentifier("short"),
        };

        using var response = await provider.Client.GetPaidAsync("/weather", payment.Build());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemCodeAsync()).ShouldBe(X402ErrorReasons.InvalidPaymentIdentifier);
        (await _chain.Ledger.GetUtxoStatusAsync(_chain.CoinOf(1))).State.ShouldBe(UtxoState.Unspent);
    }

    [Fact]
    public async Task PaymentRequired_AdvertisesThePaymentIdentifierExtension()
    {
        await using var provider = await ProviderApp.StartAsync(_chain);

        var required = await provider.Client.GetRequiredAsync("/weather");

        required.Extensions!.Value.GetProperty("payment-identifier").GetProperty("info").GetProperty("required").GetBoolean().ShouldBeFalse();
    }
}
