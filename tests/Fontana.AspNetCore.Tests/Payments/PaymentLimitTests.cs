using System.Net;
using System.Text.Json;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary><c>WithFreeTier</c> and <c>WithPaymentRateLimit</c> on real Kestrel with a real ledger, on the chain's
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

    [Fact]
    public async Task FreeTier_TwoFreeCallsThen402WithNextFreeAt_ThenFreeAgainAfterRollover()
    {
        var client = _provider.Client;
        (await client.GetAsync("/tiered")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/tiered")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var third = await client.GetAsync("/tiered");
        third.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var required = X402HeaderCodec.DecodePaymentRequired(third.Headers.GetValues(X402Headers.PaymentRequired).Single());
        var freeTier = required.Extensions!.Value.GetProperty("freeTier");
        freeTier.GetProperty("remaining").GetInt64().ShouldBe(0);
        var nextFreeAt = freeTier.GetProperty("nextFreeAt").GetInt64();
        nextFreeAt.ShouldBeGreaterThan(_chain.Time.GetUtcNow().ToUnixTimeSeconds());
        nextFreeAt.ShouldBeLessThanOrEqualTo(_chain.Time.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds());

        _chain.Time.Advance(TimeSpan.FromSeconds(nextFreeAt - _chain.Time.GetUtcNow().ToUnixTimeSeconds()));
        (await client.GetAsync("/tiered")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FreeTier_ConcurrentCalls_ExactlyTheFreeCountServedFree()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _provider.Client.GetAsync("/tiered")));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(2);
        responses.Count(r => r.StatusCode == HttpStatusCode.PaymentRequired).ShouldBe(18);
    }

    [Fact]
    public async Task RateLimit_SecondPaidCallInWindow_429WithRetryAfter_NothingSettled()
    {
        var client = _provider.Client;
        var first = new TestPayment(await client.GetRequiredAsync("/limited"), _chain.Payers[0], _chain.CoinOf(0), TestChain.CoinAmount);
        using var paid = await client.GetPaidAsync("/limited", first.Build());
        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var balance = await _chain.Ledger.GetBalanceAsync(_chain.ProviderAddress);

        var second = new TestPayment(await client.GetRequiredAsync("/limited"), _chain.Payers[0], _chain.CoinOf(0), TestChain.CoinAmount);
        using var limited = await client.GetPaidAsync("/limited", second.Build());

        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe("rate-limited");
        (await _chain.Ledger.GetBalanceAsync(_chain.ProviderAddress)).ShouldBe(balance);

        // Another payer is not limited by the first one's calls.
        var other = new TestPayment(await client.GetRequiredAsync("/limited"), _chain.Payers[1], _chain.CoinOf(1), TestChain.CoinAmount);
        (await client.GetPaidAsync("/limited", other.Build())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
