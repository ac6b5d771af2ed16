using System.Net;
using System.Text;
using Fontana.AspNetCore.PaidCalls;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.X402;
using Fontana.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.AspNetCore.Tests.PaidCalls;

/// <summary>
/// One payment, one execution, on a real ledger and a real Kestrel provider: the scenarios each store runs
/// (<see cref="MemoryExactlyOnceTests"/>, <see cref="SqliteExactlyOnceTests"/>, <see cref="PostgresExactlyOnceTests"/>).
/// </summary>
public abstract class ExactlyOnceScenarios : IAsyncLifetime
{
    private const int Replays = 100;
    private static readonly Amount Price = Amount.FromUtia(1000);

    internal TestChain Chain { get; private set; } = null!;

    /// <summary>Points the provider at this class's store (the same one across a restart).</summary>
    protected abstract void UseStore(PaidCallOptions options);

    /// <summary>True when the store outlives the provider process.</summary>
    protected abstract bool Durable { get; }

    public virtual async Task InitializeAsync() => Chain = await TestChain.StartAsync(payerCount: 4);

    public virtual async Task DisposeAsync() => await Chain.DisposeAsync();

    internal Task<ProviderApp> StartProviderAsync(Action<PaidCallOptions>? more = null, Uri? listenOn = null) =>
        ProviderApp.StartAsync(
            Chain,
            configure: o =>
            {
                UseStore(o.PaidCalls);
                more?.Invoke(o.PaidCalls);
            },
            listenOn: listenOn);

    /// <summary>100 concurrent copies of one payment, then 100 more after a restart: one handler run, one payment, the same body for all.</summary>
    protected async Task HundredConcurrentReplaysThenRestart()
    {
        var provider = await StartProviderAsync();
        var payment = new TestPayment(await provider.Client.GetRequiredAsync("/weather"), Chain.Payers[0], Chain.CoinOf(0), TestChain.CoinAmount);
        var header = payment.Build();

        var before = await ReplayAsync(provider, Chain.Time, header, Replays);

        before.ShouldAllBe(r => r.Status == HttpStatusCode.OK);
        before.Select(r => r.Body).Distinct().Count().ShouldBe(1);
        before.Select(r => r.PaymentResponse).Distinct().Count().ShouldBe(1);
        provider.WeatherCalls.ShouldBe(1);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(Price);
        var address = provider.BaseAddress;
        await provider.DisposeAsync();

        await using var restarted = await StartProviderAsync(listenOn: address);
        var after = await ReplayAsync(restarted, Chain.Time, header, Replays);

        restarted.WeatherCalls.ShouldBe(0);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(Price);
        if (Durable)
        {
            after.ShouldAllBe(r => r.Status == HttpStatusCode.OK && r.Body == before[0].Body && r.PaymentResponse == before[0].PaymentResponse);
        }
        else
        {
            after.ShouldAllBe(r => r.Status == HttpStatusCode.PaymentRequired && r.Reason == X402ErrorReasons.PaidCallNotReplayable);
        }
    }

    /// <summary>The same payment for another body is refused; for the same body it gets the stored response.</summary>
    protected async Task ReplayForAnotherBodyIsRefused()
    {
        await using var provider = await StartProviderAsync();
        var payment = new TestPayment(await PostRequiredAsync(provider, "/echo"), Chain.Payers[1], Chain.CoinOf(1), TestChain.CoinAmount);
        var header = payment.Build();

        using var first = await PostPaidAsync(provider, "/echo", header, "first body");
        using var other = await PostPaidAsync(provider, "/echo", header, "another body");
        using var same = await PostPaidAsync(provider, "/echo", header, "first body");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await other.ShouldBeRefusedAsync(X402ErrorReasons.DuplicateSettlement);
        same.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await same.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        provider.CallsOf("/echo").ShouldBe(1);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(Price);
    }

    /// <summary>A new payment carrying the payment identifier of a served call gets its response and is not settled.</summary>
    protected async Task PaymentIdentifierServesTheStoredCallWithoutSettling()
    {
        await using var provider = await StartProviderAsync();
        var id = "order-" + Guid.NewGuid().ToString("N");
        var first = new TestPayment(await provider.Client.GetRequiredAsync("/weather"), Chain.Payers[2], Chain.CoinOf(2), TestChain.CoinAmount)
        {
            Extensions = TestPayment.PaymentIdentifier(id),
        };
        using var paid = await provider.Client.GetPaidAsync("/weather", first.Build());
        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = new TestPayment(await provider.Client.GetRequiredAsync("/weather"), Chain.Payers[2], first.ChangeOutPoint, first.ChangeAmount)
        {
            Extensions = TestPayment.PaymentIdentifier(id),
        };

        using var again = await provider.Client.GetPaidAsync("/weather", second.Build());

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await paid.Content.ReadAsStringAsync());
        again.PaymentResponse().Transaction.ShouldBe(first.Transaction!.TxId.ToString());
        provider.WeatherCalls.ShouldBe(1);
        (await Chain.Ledger.GetUtxoStatusAsync(first.ChangeOutPoint)).State.ShouldBe(UtxoState.Unspent);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(Price);
    }

    /// <summary>A response larger than the store keeps: served once, its replay refused, never run twice.</summary>
    protected async Task ResponseTooLargeIsServedOnceAndItsReplayRefused()
    {
        await using var provider = await StartProviderAsync(o => o.MaxStoredResponseBytes = 1024);
        var payment = new TestPayment(await provider.Client.GetRequiredAsync("/large"), Chain.Payers[3], Chain.CoinOf(3), TestChain.CoinAmount);
        var header = payment.Build();

        using var first = await provider.Client.GetPaidAsync("/large", header);
        using var replay = await provider.Client.GetPaidAsync("/large", header);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Length.ShouldBe(4096);
        await replay.ShouldBeRefusedAsync(X402ErrorReasons.PaidCallNotReplayable);
        provider.CallsOf("/large").ShouldBe(1);
    }

    internal static async Task<PaymentRequired> PostRequiredAsync(ProviderApp provider, string path)
    {
        using var response = await provider.Client.PostAsync(path, new StringContent("first body", Encoding.UTF8, "text/plain"));
        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        return X402HeaderCodec.DecodePaymentRequired(response.Headers.GetValues(X402Headers.PaymentRequired).Single());
    }

    internal static async Task<HttpResponseMessage> PostPaidAsync(ProviderApp provider, string path, string header, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, header);
        return await provider.Client.SendAsync(request);
    }

    /// <summary>
    /// Sends <paramref name="count"/> copies at once. A copy that finds the call running waits on the provider's clock
    /// (the chain's fake one) before it looks at the store again, so the clock moves 5 ms per 5 ms of real time until every
    /// copy has answered: never faster than real time, so the challenge's 60 s and the 2-minute execution lease stay far off.
    /// </summary>
    internal static async Task<Reply[]> ReplayAsync(ProviderApp provider, FakeTimeProvider time, string header, int count)
    {
        var replies = Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            using var response = await provider.Client.GetPaidAsync("/weather", header);
            var settlement = response.PaymentResponse();
            return new Reply(
                response.StatusCode, await response.Content.ReadAsStringAsync(),
                response.Headers.GetValues(X402Headers.PaymentResponse).Single(), settlement.ErrorReason);
        })));
        while (!replies.IsCompleted)
        {
            await Task.WhenAny(replies, Task.Delay(5));
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        return await replies;
    }

    internal sealed record Reply(HttpStatusCode Status, string Body, string PaymentResponse, string? Reason);
}
