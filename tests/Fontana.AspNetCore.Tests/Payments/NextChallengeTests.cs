using System.Net;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.X402;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary>
/// One request per call (docs/x402.md): a paid response hands out the next call's challenge when asked, the SDK pays
/// the next call of the same URL with it, each handed-out challenge buys one call, and a refused one costs nothing.
/// </summary>
public sealed class NextChallengeTests : IAsyncLifetime
{
    private static readonly Amount Price = Amount.FromUtia(1000);
    private static readonly Amount Fee = Amount.FromUtia(100);

    private FullNodeApp _node = null!;

    public async Task InitializeAsync() => _node = await FullNodeApp.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task SteadyCaller_AfterTheFirstCall_PaysEachCallWithOneRequest()
    {
        using var payer = _node.CreatePayer(_node.Consumer);
        var wire = new Wire();
        using var client = Client(payer, wire);
        var payerBefore = await _node.Ledger.GetBalanceAsync(payer.Address);

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("weather");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.WasPaid().ShouldBeTrue();
        }

        wire.Requests.ShouldBe(6); // 402 + paid, then one paid request per call
        wire.Statuses.Count(s => s == HttpStatusCode.PaymentRequired).ShouldBe(1);
        payer.PrefetchedPayments.ShouldBe(4);
        (await _node.Ledger.GetBalanceAsync(_node.PayTo)).ShouldBe(Price * 5);
        (await _node.Ledger.GetBalanceAsync(payer.Address)).ShouldBe(payerBefore - ((Price + Fee) * 5));
    }

    [Fact]
    public async Task HandedOutChallengeUsedTwice_SecondUseIsRefusedBeforeSettling_AndTheCallPaysAFreshOnce()
    {
        using var payer = _node.CreatePayer(_node.Consumer);
        var wire = new Wire { ReplayFirstNextChallenge = true };
        using var client = Client(payer, wire);
        var payerBefore = await _node.Ledger.GetBalanceAsync(payer.Address);

        // Call 1: 402 + paid (hands out N1). Call 2 pays N1; its response's next challenge is replaced by N1 again.
        // Call 3 pays N1 a second time: refused (challenge_used) with nothing spent, then pays the refusal's fresh challenge.
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("weather");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        wire.Requests.ShouldBe(5);
        wire.Refusals.ShouldBe([X402ErrorReasons.ChallengeUsed]);
        payer.PrefetchedPayments.ShouldBe(1);
        (await _node.Ledger.GetBalanceAsync(_node.PayTo)).ShouldBe(Price * 3);
        (await _node.Ledger.GetBalanceAsync(payer.Address)).ShouldBe(payerBefore - ((Price + Fee) * 3));
    }

    [Fact]
    public async Task PrefetchOff_EveryCallStartsWithA402_AndNoNextChallengeIsHandedOut()
    {
        using var payer = new FontanaPayer(new FontanaPayerOptions
        {
            NodeUrl = _node.BaseAddress, SigningKey = _node.Consumer, UseStream = false, PrefetchChallenges = false,
        });
        var wire = new Wire();
        using var client = Client(payer, wire);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("weather");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        wire.Requests.ShouldBe(6);
        wire.NextChallenges.ShouldBe(0);
        payer.PrefetchedPayments.ShouldBe(0);
    }

    [Fact]
    public async Task ReplayOfAPaidRequest_GetsTheStoredResponseWithoutANextChallenge()
    {
        using var http = new HttpClient { BaseAddress = _node.BaseAddress };
        using var first = await http.GetAsync("weather");
        first.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var required = X402HeaderCodec.DecodePaymentRequired(first.Headers.GetValues(X402Headers.PaymentRequired).Single());
        var header = await PayAsync(required);

        HttpRequestMessage Paid()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "weather");
            request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, header);
            request.Headers.TryAddWithoutValidation(FontanaHeaders.NextChallenge, "1");
            return request;
        }

        using var paid = await http.SendAsync(Paid());
        using var replay = await http.SendAsync(Paid());

        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var next = X402HeaderCodec.DecodePaymentRequired(paid.Headers.GetValues(FontanaHeaders.NextPaymentRequired).Single());
        var challenge = FontanaChallenge.FromExtra(next.Accepts[0].Extra);
        challenge.Resource.ShouldBe(new Uri(_node.BaseAddress, "weather").AbsoluteUri);
        challenge.Method.ShouldBe("GET");
        challenge.Amount.ShouldBe(Price);
        challenge.Verify().ShouldBeTrue();
        challenge.Id.ShouldNotBe(FontanaChallenge.FromExtra(required.Accepts[0].Extra).Id);
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        replay.Headers.Contains(X402Headers.PaymentResponse).ShouldBeTrue();
        replay.Headers.Contains(FontanaHeaders.NextPaymentRequired).ShouldBeFalse();
        (await _node.Ledger.GetBalanceAsync(_node.PayTo)).ShouldBe(Price);
    }

    [Fact]
    public async Task PaidRequestThatDoesNotAsk_GetsNoNextChallenge()
    {
        using var http = new HttpClient { BaseAddress = _node.BaseAddress };
        using var first = await http.GetAsync("weather");
        var required = X402HeaderCodec.DecodePaymentRequired(first.Headers.GetValues(X402Headers.PaymentRequired).Single());
        using var request = new HttpRequestMessage(HttpMethod.Get, "weather");
        request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, await PayAsync(required));

        using var paid = await http.SendAsync(request);

        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        paid.Headers.Contains(FontanaHeaders.NextPaymentRequired).ShouldBeFalse();
    }

    /// <summary>A PAYMENT-SIGNATURE for <paramref name="required"/> from one of the spender's genesis coins.</summary>
    private async Task<string> PayAsync(PaymentRequired required)
    {
        var coin = (await _node.Ledger.GetUtxosAsync(new Address(_node.Spender.PublicKey)))[0];
        return new TestPayment(required, _node.Spender, coin.OutPoint, coin.Output.Amount) { ChainId = FullNodeApp.ChainId, Fee = Fee }.Build();
    }

    private HttpClient Client(FontanaPayer payer, Wire wire) =>
        new(new PaymentHandler(payer) { InnerHandler = wire }) { BaseAddress = _node.BaseAddress };

    /// <summary>Counts what goes over the wire below the SDK; optionally hands the first next challenge out again.</summary>
    private sealed class Wire() : DelegatingHandler(new SocketsHttpHandler())
    {
        private string? _firstNext;

        public bool ReplayFirstNextChallenge { get; init; }

        public int Requests { get; private set; }

        public int NextChallenges { get; private set; }

        public List<HttpStatusCode> Statuses { get; } = [];

        public List<string> Refusals { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var response = await base.SendAsync(request, cancellationToken);
            Statuses.Add(response.StatusCode);
            if (response.Headers.TryGetValues(X402Headers.PaymentResponse, out var settled)
                && X402HeaderCodec.DecodePaymentResponse(settled.Single()) is { Success: false, ErrorReason: { } reason })
            {
                Refusals.Add(reason);
            }

            if (response.Headers.TryGetValues(FontanaHeaders.NextPaymentRequired, out var next))
            {
                NextChallenges++;
                _firstNext ??= next.Single();
                if (ReplayFirstNextChallenge)
                {
                    response.Headers.Remove(FontanaHeaders.NextPaymentRequired);
                    response.Headers.TryAddWithoutValidation(FontanaHeaders.NextPaymentRequired, _firstNext);
                }
            }

            return response;
        }
    }
}
