using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core.X402;
using Fontana.Ledger;

namespace Fontana.AspNetCore.Tests.Facilitator;

/// <summary>The node's x402 facilitator endpoints called directly, as a remote resource server would.</summary>
public sealed class FacilitatorEndpointTests(RemoteFixture fixture) : IClassFixture<RemoteFixture>
{
    private TestChain Chain => fixture.Chain;

    [Fact]
    public async Task GetSupported_ListsExactOnThisChainAndTheSequencerKey()
    {
        var supported = X402Json.Deserialize<SupportedResponse>(await fixture.Node.Client.GetByteArrayAsync("/v1/x402/supported"));

        var kind = supported.Kinds.ShouldHaveSingleItem();
        kind.X402Version.ShouldBe(2);
        kind.Scheme.ShouldBe("exact");
        kind.Network.ShouldBe(Chain.Network);
        supported.Signers["fontana:*"].ShouldBe([Chain.Sequencer.PublicKey.ToString()]);
    }

    [Fact]
    public async Task PostVerify_ValidPayment_IsValidAndSpendsNothing()
    {
        var (request, payer) = await PaymentRequestAsync();

        var response = await PostAsync<VerifyResponse>("/v1/x402/verify", request);

        response.IsValid.ShouldBeTrue(response.InvalidMessage);
        response.Payer.ShouldBe(Chain.AddressOf(payer).ToString());
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Unspent);
    }

    [Fact]
    public async Task PostSettle_ValidPayment_AppliesAndReturnsReceipt_ThenASecondSettleIsDuplicateAndVerifyIsInvalid()
    {
        var (request, payer) = await PaymentRequestAsync();

        var settled = await PostAsync<SettlementResponse>("/v1/x402/settle", request);
        var again = await PostAsync<SettlementResponse>("/v1/x402/settle", request);
        var verified = await PostAsync<VerifyResponse>("/v1/x402/verify", request);

        settled.Success.ShouldBeTrue(settled.ErrorMessage);
        settled.Network.ShouldBe(Chain.Network);
        FontanaExactReceipt.TryRead(settled, out _).ShouldBeTrue();
        again.Success.ShouldBeFalse();
        again.ErrorReason.ShouldBe(X402ErrorReasons.DuplicateSettlement);
        again.Transaction.ShouldBeEmpty();
        FontanaExactReceipt.TryRead(again, out var carried).ShouldBeTrue();
        FontanaExactReceipt.TryRead(settled, out var original).ShouldBeTrue();
        carried.ShouldBe(original);
        verified.IsValid.ShouldBeFalse();
        verified.InvalidReason.ShouldBe(X402ErrorReasons.DuplicateSettlement);
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Spent);
    }

    [Fact]
    public async Task PostSettle_ConcurrentSettlesOfOnePayment_OneSucceedsTheOthersAreDuplicates()
    {
        var (request, _) = await PaymentRequestAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => PostAsync<SettlementResponse>("/v1/x402/settle", request))));

        answers.Count(a => a.Success).ShouldBe(1);
        answers.Where(a => !a.Success).ShouldAllBe(a => a.ErrorReason == X402ErrorReasons.DuplicateSettlement);
    }

    [Fact]
    public async Task PostSettle_SameCallersRetryWithPaymentIdentifier_GetsTheOriginalAnswerMarkedAlreadySettled()
    {
        var (request, _) = await PaymentRequestAsync(paymentId: "retry-" + Guid.NewGuid().ToString("N"));

        var settled = await PostAsync<SettlementResponse>("/v1/x402/settle", request);
        var retry = await PostAsync<SettlementResponse>("/v1/x402/settle", request);
        var verified = await PostAsync<VerifyResponse>("/v1/x402/verify", request);
        var otherId = request with
        {
            PaymentPayload = request.PaymentPayload with { Extensions = TestPayment.PaymentIdentifier("another-" + Guid.NewGuid().ToString("N")) },
        };
        var other = await PostAsync<SettlementResponse>("/v1/x402/settle", otherId);

        settled.Success.ShouldBeTrue(settled.ErrorMessage);
        FontanaExactReceipt.IsAlreadySettled(settled).ShouldBeFalse();
        retry.Success.ShouldBeTrue(retry.ErrorMessage);
        retry.Transaction.ShouldBe(settled.Transaction);
        FontanaExactReceipt.IsAlreadySettled(retry).ShouldBeTrue();
        FontanaExactReceipt.TryRead(retry, out var receipt).ShouldBeTrue();
        FontanaExactReceipt.TryRead(settled, out var original).ShouldBeTrue();
        receipt.ShouldBe(original);
        verified.IsValid.ShouldBeTrue(verified.InvalidMessage);
        other.Success.ShouldBeFalse();
        other.ErrorReason.ShouldBe(X402ErrorReasons.DuplicateSettlement);
    }

    [Fact]
    public async Task PostVerify_SpentInput_IsInvalidTransactionStateWithTheLedgerCodeKept()
    {
        var (first, payer) = await PaymentRequestAsync();
        (await PostAsync<SettlementResponse>("/v1/x402/settle", first)).Success.ShouldBeTrue();
        var (second, _) = await PaymentRequestAsync(payer);

        var verified = await PostAsync<VerifyResponse>("/v1/x402/verify", second);
        var settled = await PostAsync<SettlementResponse>("/v1/x402/settle", second);

        verified.IsValid.ShouldBeFalse();
        verified.InvalidReason.ShouldBe(X402ErrorReasons.InvalidTransactionState);
        X402LedgerReasons.ReadLedgerCode(verified.Extensions).ShouldBe(X402ErrorReasons.InputSpent);
        verified.InvalidMessage!.ShouldContain("was spent by");
        settled.Success.ShouldBeFalse();
        settled.ErrorReason.ShouldBe(X402ErrorReasons.InvalidTransactionState);
        X402LedgerReasons.ReadLedgerCode(settled.Extensions).ShouldBe(X402ErrorReasons.InputSpent);
        settled.Transaction.ShouldBeEmpty();
    }

    [Fact]
    public async Task PostVerify_RequirementsForAnotherChain_IsInvalidNetwork()
    {
        var (request, _) = await PaymentRequestAsync();
        request = request with { PaymentRequirements = request.PaymentRequirements with { Network = "fontana:elsewhere" } };

        var verified = await PostAsync<VerifyResponse>("/v1/x402/verify", request);

        verified.IsValid.ShouldBeFalse();
        verified.InvalidReason.ShouldBe(X402ErrorReasons.InvalidNetwork);
    }

    [Theory]
    [InlineData("/v1/x402/settle", "{not json", "invalid_payload")]
    [InlineData("/v1/x402/verify", "{not json", "invalid_payload")]
    [InlineData("/v1/x402/settle", "{\"x402Version\":1,\"paymentPayload\":{},\"paymentRequirements\":{}}", "invalid_x402_version")]
    [InlineData("/v1/x402/verify", "{\"x402Version\":2,\"paymentPayload\":{\"x402Version\":1}}", "invalid_x402_version")]
    public async Task Post_MalformedOrV1Body_AnswersV2ShapedRefusalWithAReason(string path, string body, string reason)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await fixture.Node.Client.PostAsync(path, content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        if (path.EndsWith("settle", StringComparison.Ordinal))
        {
            root.GetProperty("success").GetBoolean().ShouldBeFalse();
            root.GetProperty("errorReason").GetString().ShouldBe(reason);
            root.GetProperty("transaction").GetString().ShouldBeEmpty();
            root.GetProperty("network").GetString().ShouldBe(Chain.Network);
        }
        else
        {
            root.GetProperty("isValid").GetBoolean().ShouldBeFalse();
            root.GetProperty("invalidReason").GetString().ShouldBe(reason);
        }
    }

    [Fact]
    public async Task GetSupported_KindCarriesTheExtraASchemeNeeds()
    {
        using var json = JsonDocument.Parse(await fixture.Node.Client.GetStringAsync("/v1/x402/supported"));

        var extra = json.RootElement.GetProperty("kinds")[0].GetProperty("extra");
        extra.GetProperty("chainId").GetString().ShouldBe(TestChain.ChainId);
        extra.GetProperty("minFee").GetString().ShouldBe(TestChain.MinFee.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture));
        extra.GetProperty("assetDecimals").GetInt32().ShouldBe(6);
        extra.GetProperty("nodeUrl").GetString().ShouldBe(fixture.Node.BaseAddress.ToString().TrimEnd('/'));
        json.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()).ShouldContain("payment-identifier");
    }

    /// <summary>A payment for the provider's /weather, wrapped as the provider would send it to the facilitator.</summary>
    private async Task<(FacilitatorRequest Request, int Payer)> PaymentRequestAsync(int? payerIndex = null, string? paymentId = null)
    {
        var payer = payerIndex ?? fixture.NextPayer();
        var required = await fixture.Provider.Client.GetRequiredAsync("/weather");
        var header = new TestPayment(required, Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount)
        {
            Extensions = paymentId is null ? null : TestPayment.PaymentIdentifier(paymentId),
        }.Build();
        var payload = X402HeaderCodec.DecodePaymentSignature(header);
        return (new FacilitatorRequest { PaymentPayload = payload, PaymentRequirements = required.Accepts[0] }, payer);
    }

    private async Task<T> PostAsync<T>(string path, FacilitatorRequest request)
        where T : class
    {
        using var content = new ByteArrayContent(X402Json.SerializeToUtf8Bytes(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await fixture.Node.Client.PostAsync(path, content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return X402Json.Deserialize<T>(await response.Content.ReadAsByteArrayAsync());
    }
}
