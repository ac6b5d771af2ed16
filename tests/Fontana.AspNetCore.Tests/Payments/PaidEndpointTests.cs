using System.Net;
using System.Text.Json;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.X402;
using Fontana.Ledger;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary>Paid calls end to end on real Kestrel with a real SQLite ledger, settled in process.</summary>
public sealed class PaidEndpointTests(InProcessFixture fixture) : IClassFixture<InProcessFixture>
{
    private TestChain Chain => fixture.Chain;

    private HttpClient Client => fixture.Provider.Client;

    [Fact]
    public async Task Get_Unpaid_Returns402WithValidX402PaymentRequired()
    {
        var calls = fixture.Provider.WeatherCalls;
        using var response = await Client.GetAsync("/weather");

        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var header = response.Headers.GetValues(X402Headers.PaymentRequired).Single();
        var required = X402HeaderCodec.DecodePaymentRequired(header);
        required.X402Version.ShouldBe(2);
        required.Resource.Url.ShouldBe(new Uri(fixture.Provider.BaseAddress, "/weather").ToString());
        required.Resource.Description.ShouldBe("Today's weather");
        var offer = required.Accepts.ShouldHaveSingleItem();
        offer.Scheme.ShouldBe("exact");
        offer.Network.ShouldBe("fontana:fontana-test");
        offer.Amount.ShouldBe("1000");
        offer.Asset.ShouldBe("utia");
        offer.PayTo.ShouldBe(Chain.ProviderAddress.ToString());
        offer.MaxTimeoutSeconds.ShouldBe(60);
        var challenge = FontanaChallenge.FromExtra(offer.Extra);
        challenge.Verify().ShouldBeTrue();
        challenge.ProviderKey.ShouldBe(Chain.Provider.PublicKey);
        challenge.Matches(offer, out _).ShouldBeTrue();
        challenge.Resource.ShouldBe(required.Resource.Url);
        challenge.Method.ShouldBe("GET");
        challenge.LedgerUrl.ShouldNotBeNullOrEmpty();
        challenge.ExpiresAt.ShouldBeInRange(Chain.Time.GetUtcNow().AddSeconds(59).ToUnixTimeSeconds(), Chain.Time.GetUtcNow().AddSeconds(61).ToUnixTimeSeconds());
        var body = await response.Content.ReadAsByteArrayAsync();
        Convert.ToBase64String(body).ShouldBe(header);
        fixture.Provider.WeatherCalls.ShouldBe(calls);
    }

    [Fact]
    public async Task Get_Paid_Returns200WithPaymentResponseAndReceipt_AndProviderBalanceRisesByPrice()
    {
        var payer = fixture.NextPayer();
        var before = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);

        using var response = await Client.GetPaidAsync("/weather", payment.Build());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("sunny");
        var settlement = response.PaymentResponse();
        settlement.Success.ShouldBeTrue();
        settlement.Transaction.ShouldBe(payment.Transaction!.TxId.ToString());
        settlement.Network.ShouldBe(Chain.Network);
        settlement.Payer.ShouldBe(Chain.AddressOf(payer).ToString());
        FontanaExactReceipt.TryRead(settlement, out var dto).ShouldBeTrue();
        FontanaExactReceipt.TryToReceipt(dto, out var receipt).ShouldBeTrue();
        receipt.TxId.ShouldBe(payment.Transaction.TxId);
        receipt.Verify(TestChain.ChainId, Chain.Sequencer.PublicKey).ShouldBeTrue();
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(before + Amount.FromUtia(1000));
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Spent);
    }

    [Fact]
    public async Task Get_SamePaymentRetried_GetsTheStoredResponseWithoutRunningTheHandlerAgain()
    {
        var payer = fixture.NextPayer();
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);
        var header = payment.Build();
        using var first = await Client.GetPaidAsync("/weather", header);
        var balance = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);
        var calls = fixture.Provider.WeatherCalls;

        using var retry = await Client.GetPaidAsync("/weather", header);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.PaymentResponse().Transaction.ShouldBe(first.PaymentResponse().Transaction);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        fixture.Provider.WeatherCalls.ShouldBe(calls);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(balance);
    }

    [Fact]
    public async Task Get_PaymentReplayedOnAnotherResource_IsRefusedAndNotCharged()
    {
        var payer = fixture.NextPayer();
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);
        var header = payment.Build();
        using var paid = await Client.GetPaidAsync("/weather", header);
        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var balance = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);

        using var replay = await Client.GetPaidAsync("/news", header);

        await replay.ShouldBeRefusedAsync(X402ErrorReasons.ChallengeInvalid);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(balance);
    }

    [Fact]
    public async Task Get_SecondTransactionForPaidChallenge_IsRefusedAndNothingSpent()
    {
        var first = fixture.NextPayer();
        var second = fixture.NextPayer();
        var required = await Client.GetRequiredAsync("/weather");
        using var paid = await Client.GetPaidAsync(
            "/weather", new TestPayment(required, Chain.Payers[first], Chain.CoinOf(first), TestChain.CoinAmount).Build());
        paid.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var again = await Client.GetPaidAsync(
            "/weather", new TestPayment(required, Chain.Payers[second], Chain.CoinOf(second), TestChain.CoinAmount).Build());

        await again.ShouldBeRefusedAsync(X402ErrorReasons.ChallengeUsed);
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(second))).State.ShouldBe(UtxoState.Unspent);
    }

    [Fact]
    public async Task Get_FreeEndpoint_NeedsNoPayment()
    {
        using var response = await Client.GetAsync("/free");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains(X402Headers.PaymentRequired).ShouldBeFalse();
    }

    [Fact]
    public async Task Get_DynamicPrice_ChargesThePriceOfThisRequest()
    {
        var payer = fixture.NextPayer();
        var required = await Client.GetRequiredAsync("/dynamic?units=3");
        required.Accepts[0].Amount.ShouldBe("3000");

        using var response = await Client.GetPaidAsync(
            "/dynamic?units=3", new TestPayment(required, Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("3000");
    }

    [Fact]
    public async Task Get_MvcChargeAttribute_ChargesAndActionPriceOverridesController()
    {
        var payer = fixture.NextPayer();
        (await Client.GetRequiredAsync("/mvc/premium")).Accepts[0].Amount.ShouldBe("3000");
        var required = await Client.GetRequiredAsync("/mvc/weather");
        required.Accepts[0].Amount.ShouldBe("1000");
        required.Resource.Description.ShouldBe("MVC weather");

        using var response = await Client.GetPaidAsync(
            "/mvc/weather", new TestPayment(required, Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(Chain.AddressOf(payer).ToString());
        response.PaymentResponse().Success.ShouldBeTrue();
    }

    [Fact]
    public async Task Get_MvcConventionPrice_AppliesWhereNoChargeAttributeOverridesIt()
    {
        var payer = fixture.NextPayer();
        var required = await Client.GetRequiredAsync("/mvc/plain");
        required.Accepts[0].Amount.ShouldBe("4000");
        var before = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);

        using var response = await Client.GetPaidAsync(
            "/mvc/plain", new TestPayment(required, Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(before + Amount.FromUtia(4000));
    }

    [Fact]
    public async Task GetWellKnownX402_ListsPricedRoutesWithPricesAndNetwork()
    {
        using var json = JsonDocument.Parse(await Client.GetStringAsync("/.well-known/x402"));
        var root = json.RootElement;

        root.GetProperty("x402Version").GetInt32().ShouldBe(2);
        root.GetProperty("provider").GetProperty("payTo").GetString().ShouldBe(Chain.ProviderAddress.ToString());
        var items = root.GetProperty("items").EnumerateArray()
            .ToDictionary(i => new Uri(i.GetProperty("resource").GetString()!).AbsolutePath, i => i);
        items.Keys.ShouldBe(["/weather", "/echo", "/large", "/news", "/forecast", "/dynamic", "/tiered", "/limited", "/mvc/weather", "/mvc/premium", "/mvc/boom", "/mvc/tiered", "/mvc/limited", "/mvc/plain"], ignoreOrder: true);
        var weather = items["/weather"];
        weather.GetProperty("type").GetString().ShouldBe("http");
        var offer = weather.GetProperty("accepts")[0];
        offer.GetProperty("amount").GetString().ShouldBe("1000");
        offer.GetProperty("network").GetString().ShouldBe(Chain.Network);
        weather.GetProperty("metadata").GetProperty("price").GetString().ShouldBe("0.001 TIA");
        weather.GetProperty("metadata").GetProperty("methods")[0].GetString().ShouldBe("GET");
        items["/forecast"].GetProperty("accepts")[0].GetProperty("amount").GetString().ShouldBe("2000");
        items["/dynamic"].GetProperty("metadata").GetProperty("dynamicPrice").GetBoolean().ShouldBeTrue();
        items["/mvc/premium"].GetProperty("accepts")[0].GetProperty("amount").GetString().ShouldBe("3000");
    }

    [Fact]
    public async Task GetWellKnownX402_PagesWithLimitAndOffset_ItemsCarryLastUpdatedAndOfferExtra()
    {
        using var all = JsonDocument.Parse(await Client.GetStringAsync("/.well-known/x402"));
        using var page = JsonDocument.Parse(await Client.GetStringAsync("/.well-known/x402?limit=2&offset=1"));
        using var bad = await Client.GetAsync("/.well-known/x402?limit=0");

        var total = all.RootElement.GetProperty("pagination").GetProperty("total").GetInt32();
        total.ShouldBe(all.RootElement.GetProperty("items").GetArrayLength());
        var items = page.RootElement.GetProperty("items");
        items.GetArrayLength().ShouldBe(2);
        items[0].GetProperty("resource").GetString().ShouldBe(all.RootElement.GetProperty("items")[1].GetProperty("resource").GetString());
        page.RootElement.GetProperty("pagination").GetProperty("limit").GetInt32().ShouldBe(2);
        page.RootElement.GetProperty("pagination").GetProperty("offset").GetInt32().ShouldBe(1);
        page.RootElement.GetProperty("pagination").GetProperty("total").GetInt32().ShouldBe(total);
        items[0].GetProperty("lastUpdated").GetInt64().ShouldBeGreaterThan(0);
        var weather = all.RootElement.GetProperty("items").EnumerateArray().First(i => i.GetProperty("resource").GetString()!.EndsWith("/weather", StringComparison.Ordinal));
        weather.GetProperty("accepts")[0].GetProperty("extra").GetProperty("providerKey").GetString().ShouldBe(Chain.Provider.PublicKey.ToString());
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.ProblemCodeAsync()).ShouldBe("bad-request");
    }

    [Fact]
    public async Task Get_Unpaid402_IsNotCacheable()
    {
        using var response = await Client.GetAsync("/weather");

        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }
}
