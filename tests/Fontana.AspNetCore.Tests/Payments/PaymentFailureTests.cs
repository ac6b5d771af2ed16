using System.Net;
using System.Text;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.X402;
using Fontana.Ledger;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary>
/// Every way a payment fails, end to end: malformed → 400 problem+json with a code; wrong or invalid → 402 with
/// PAYMENT-RESPONSE errorReason; the handler never runs and the payer's coin stays unspent.
/// </summary>
public sealed class PaymentFailureTests(InProcessFixture fixture) : IClassFixture<InProcessFixture>
{
    private TestChain Chain => fixture.Chain;

    private HttpClient Client => fixture.Provider.Client;

    public static TheoryData<string, string> MalformedHeaders => new()
    {
        { "not base64 !!!", X402FormatException.BadBase64 },
        { Convert.ToBase64String("[1,2]"u8), X402FormatException.BadJson },
        { Convert.ToBase64String("{\"x402Version\":2}"u8), X402FormatException.MissingField },
        {
            Convert.ToBase64String(
                """{"x402Version":1,"accepted":{"scheme":"exact","network":"fontana:x","amount":"1","asset":"utia","payTo":"p","maxTimeoutSeconds":1},"payload":{}}"""u8),
            X402FormatException.UnsupportedVersion
        },
        { new string('A', X402HeaderCodec.MaxHeaderLength + 4), X402FormatException.HeaderTooLarge },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task Get_MalformedPaymentHeader_Returns400WithCode(string header, string code)
    {
        var calls = fixture.Provider.WeatherCalls;

        using var response = await Client.GetPaidAsync("/weather", header);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemCodeAsync()).ShouldBe(code);
        fixture.Provider.WeatherCalls.ShouldBe(calls);
    }

    [Fact]
    public async Task Get_PayloadWithUndecodableTransaction_Returns400()
    {
        var payer = fixture.NextPayer();
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);

        using var response = await Client.GetPaidAsync("/weather", payment.Encode(Encoding.ASCII.GetBytes("not a transaction")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemCodeAsync()).ShouldBe(X402ErrorReasons.InvalidExactFontanaPayload);
    }

    [Fact]
    public Task Get_WrongAmount_Returns402AmountMismatch() =>
        RefusedAsync(p => p.PayAmount = Amount.FromUtia(999), X402ErrorReasons.AmountMismatch);

    [Fact]
    public Task Get_WrongPayTo_Returns402PayToMismatch() =>
        RefusedAsync(p => p.PayTo = new Address(PrivateKey.Generate().PublicKey), X402ErrorReasons.PayToMismatch);

    [Fact]
    public Task Get_TransactionOnAnotherChain_Returns402NetworkMismatch() =>
        RefusedAsync(p => p.ChainId = "fontana-other", X402ErrorReasons.NetworkMismatch);

    [Fact]
    public Task Get_OfferOnAnotherNetwork_Returns402NetworkMismatch() =>
        RefusedAsync(p => p.Accepted = p.Accepted with { Network = "fontana:mainnet" }, X402ErrorReasons.NetworkMismatch);

    [Fact]
    public Task Get_ForgedChallenge_Returns402ChallengeInvalid() =>
        RefusedAsync(
            p =>
            {
                using var forger = PrivateKey.Generate();
                p.Challenge = p.Challenge.Sign(forger) with { ProviderKey = Chain.Provider.PublicKey };
            },
            X402ErrorReasons.ChallengeInvalid);

    [Fact]
    public Task Get_ForgedChallengeOnlyInAccepted_Returns402ChallengeInvalid() =>
        RefusedAsync(
            p =>
            {
                using var forger = PrivateKey.Generate();
                p.ChallengeInPayload = false;
                p.Challenge = p.Challenge.Sign(forger) with { ProviderKey = Chain.Provider.PublicKey };
            },
            X402ErrorReasons.ChallengeInvalid);

    [Fact]
    public Task Get_ChallengeOnlyInAcceptedExpiryExtendedByPayer_Returns402ChallengeInvalid() =>
        RefusedAsync(
            p =>
            {
                p.ChallengeInPayload = false;
                p.Challenge = p.Challenge with { ExpiresAt = p.Challenge.ExpiresAt + 3600 };
            },
            X402ErrorReasons.ChallengeInvalid);

    [Fact]
    public Task Get_ChallengeCheapenedByPayer_Returns402AmountMismatch() =>
        RefusedAsync(
            p =>
            {
                using var forger = PrivateKey.Generate();
                p.Challenge = (p.Challenge with { Amount = Amount.FromUtia(1) }).Sign(forger);
                p.Accepted = p.Accepted with { Amount = "1" };
            },
            X402ErrorReasons.AmountMismatch);

    [Fact]
    public Task Get_BadTransactionSignature_Returns402SignatureInvalid() =>
        RefusedAsync(p => p.CorruptSignature = true, X402ErrorReasons.InvalidExactFontanaPayloadSignature);

    [Fact]
    public Task Get_MemoNotTheChallengeHash_Returns402MemoMismatch() =>
        RefusedAsync(p => p.Memo = Hash32.Compute("another challenge"u8), X402ErrorReasons.MemoMismatch);

    [Fact]
    public async Task Get_ExpiredChallenge_Returns402PaymentExpired()
    {
        var payer = fixture.NextPayer();
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);
        var header = payment.Build();
        Chain.Time.Advance(TimeSpan.FromSeconds(61));

        using var response = await Client.GetPaidAsync("/weather", header);

        await response.ShouldBeRefusedAsync(X402ErrorReasons.PaymentExpired);
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Unspent);
    }

    [Fact]
    public async Task Get_SettledPaymentRetriedAfterExpiry_Returns402PaymentExpired()
    {
        var payer = fixture.NextPayer();
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);
        var header = payment.Build();
        using var paid = await Client.GetPaidAsync("/weather", header);
        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        Chain.Time.Advance(TimeSpan.FromSeconds(61));

        using var retry = await Client.GetPaidAsync("/weather", header);

        await retry.ShouldBeRefusedAsync(X402ErrorReasons.PaymentExpired);
    }

    [Fact]
    public async Task Get_SpentInput_Returns402InputSpentAndChargesNothingMore()
    {
        var payer = fixture.NextPayer();
        using var first = await Client.GetPaidAsync(
            "/weather", new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build());
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var provider = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);
        var payerBalance = await Chain.Ledger.GetBalanceAsync(Chain.AddressOf(payer));
        var calls = fixture.Provider.WeatherCalls;

        // A new call paid with the coin the first payment already spent (a double spend).
        using var second = await Client.GetPaidAsync(
            "/weather", new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build());

        await second.ShouldBeRefusedAsync(X402ErrorReasons.InputSpent);
        second.PaymentResponse().Payer.ShouldBe(Chain.AddressOf(payer).ToString());
        fixture.Provider.WeatherCalls.ShouldBe(calls);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(provider);
        (await Chain.Ledger.GetBalanceAsync(Chain.AddressOf(payer))).ShouldBe(payerBalance);
    }

    [Fact]
    public async Task Get_InputNotOwnedBySigner_Returns402NotOwner()
    {
        var payer = fixture.NextPayer();
        var victim = fixture.NextPayer();

        using var response = await Client.GetPaidAsync(
            "/weather", new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(victim), TestChain.CoinAmount).Build());

        await response.ShouldBeRefusedAsync("not-owner");
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(victim))).State.ShouldBe(UtxoState.Unspent);
    }

    private async Task RefusedAsync(Action<TestPayment> spoil, string reason)
    {
        var payer = fixture.NextPayer();
        var calls = fixture.Provider.WeatherCalls;
        var provider = await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress);
        var payment = new TestPayment(await Client.GetRequiredAsync("/weather"), Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount);
        spoil(payment);

        using var response = await Client.GetPaidAsync("/weather", payment.Build());

        await response.ShouldBeRefusedAsync(reason);
        fixture.Provider.WeatherCalls.ShouldBe(calls);
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Unspent);
        (await Chain.Ledger.GetBalanceAsync(Chain.ProviderAddress)).ShouldBe(provider);
    }
}
