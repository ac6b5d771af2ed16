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
    public async Task PostSettle_ValidPayment_AppliesAndReturnsReceipt_ThenVerifyAndSettleAreIdempotent()
    {
        var (request, payer) = await PaymentRequestAsync();

        var settled = await PostAsync<SettlementResponse>("/v1/x402/settle", request);
        var again = await PostAsync<SettlementResponse>("/v1/x402/settle", request);
        var verified = await PostAsync<VerifyResponse>("/v1/x402/verify", request);

        settled.Success.ShouldBeTrue(settled.ErrorMessage);
        settled.Network.ShouldBe(Chain.Network);
        FontanaExactReceipt.TryRead(settled, out _).ShouldBeTrue();
        again.Transaction.ShouldBe(settled.Transaction);
        verified.IsValid.ShouldBeTrue();
        (await Chain.Ledger.GetUtxoStatusAsync(Chain.CoinOf(payer))).State.ShouldBe(UtxoState.Spent);
    }

    [Fact]
    public async Task PostVerify_SpentInput_IsInvalidInputSpent()
    {
        var (first, payer) = await PaymentRequestAsync();
        (await PostAsync<SettlementResponse>("/v1/x402/settle", first)).Success.ShouldBeTrue();
        var (second, _) = await PaymentRequestAsync(payer);

        var verified = await PostAsync<VerifyResponse>("/v1/x402/verify", second);
        var settled = await PostAsync<SettlementResponse>("/v1/x402/settle", second);

        verified.IsValid.ShouldBeFalse();
        verified.InvalidReason.ShouldBe(X402ErrorReasons.InputSpent);
        settled.Success.ShouldBeFalse();
        settled.ErrorReason.ShouldBe(X402ErrorReasons.InputSpent);
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

    [Fact]
    public async Task PostSettle_MalformedBody_Returns400WithCode()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await fixture.Node.Client.PostAsync("/v1/x402/settle", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe(X402FormatException.BadJson);
    }

    /// <summary>A payment for the provider's /weather, wrapped as the provider would send it to the facilitator.</summary>
    private async Task<(FacilitatorRequest Request, int Payer)> PaymentRequestAsync(int? payerIndex = null)
    {
        var payer = payerIndex ?? fixture.NextPayer();
        var required = await fixture.Provider.Client.GetRequiredAsync("/weather");
        var header = new TestPayment(required, Chain.Payers[payer], Chain.CoinOf(payer), TestChain.CoinAmount).Build();
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
