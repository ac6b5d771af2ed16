using System.Net;
using System.Text.Json;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary><c>WithFreeTier</c> and <c>WithPaymentRateLimit</c> (and MVC's <c>[FreeTier]</c>, <c>[PaymentRateLimit]</c>) on real Kestrel with a real ledger, on the chain's
/// manual clock (window rollover without waiting).</summary>
public sealed class PaymentLimitTests : IAsyncLifetime
{
    private TestChain _chain = null!;
    private ProviderApp _provider = null!;

    public async Task InitializeAsync()
    {
        _chain = await TestChain.StartAsync(payerCount: 4);
        _provider = await ProviderApp.StartAsync(_chain);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _chain.DisposeAsync();
    }

    [Theory]
    [InlineData("/tiered")]
    [InlineData("/mvc/tiered")] // [Charge] + [FreeTier(2, 60)] on an MVC action
    public async Task FreeTier_TwoFreeCallsThen402WithNextFreeAt_ThenFreeAgainAfterRollover(string path)
    {
        var client = _provider.Client;
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var third = await client.GetAsync(path);
        third.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var required = X402HeaderCodec.DecodePaymentRequired(third.Headers.GetValues(X402Headers.PaymentRequired).Single());
        var freeTier = required.Extensions!.Value.GetProperty("freeTier");
        freeTier.GetProperty("remaining").GetInt64().ShouldBe(0);
        var nextFreeAt = freeTier.GetProperty("nextFreeAt").GetInt64();
        nextFreeAt.ShouldBeGreaterThan(_chain.Time.GetUtcNow().ToUnixTimeSeconds());
        nextFreeAt.ShouldBeLessThanOrEqualTo(_chain.Time.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds());

        _chain.Time.Advance(TimeSpan.FromSeconds(nextFreeAt - _chain.Time.GetUtcNow().ToUnixTimeSeconds()));
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/tiered")]
    [InlineData("/mvc/tiered")]
    public async Task FreeTier_ConcurrentCalls_ExactlyTheFreeCountServedFree(string path)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _provider.Client.GetAsync(path)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(2);
        responses.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired).ShouldBe(18);
    }

    [Theory]
    [InlineData("/limited", 0)]
    [InlineData("/mvc/limited", 2)] // [Charge] + [PaymentRateLimit(1, 60)] on an MVC action
    public async Task RateLimit_SecondPaidCallInWindow_429WithRetryAfter_NothingSettled(string path, int payer)
    {
        var client = _provider.Client;
        var first = new TestPayment(await client.GetRequiredAsync(path), _chain.Payers[payer], _chain.CoinOf(payer), TestChain.CoinAmount);
        using var paid = await client.GetPaidAsync(path, first.Build());
        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var balance = await _chain.Ledger.GetBalanceAsync(_chain.ProviderAddress);

        var second = new TestPayment(await client.GetRequiredAsync(path), _chain.Payers[payer], _chain.CoinOf(payer), TestChain.CoinAmount);
        using var limited = await client.GetPaidAsync(path, second.Build());

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe("rate-limited");
        (await _chain.Ledger.GetBalanceAsync(_chain.ProviderAddress)).ShouldBe(balance);

        // Another payer is not limited by the first one's calls.
        var other = new TestPayment(await client.GetRequiredAsync(path), _chain.Payers[payer + 1], _chain.CoinOf(payer + 1), TestChain.CoinAmount);
        (await client.GetPaidAsync(path, other.Build())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
