using System.Net;
using System.Text.Json;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>HTTP helpers for paid-call tests.</summary>
internal static class PaidCalls
{
    /// <summary>GETs <paramref name="path"/> unpaid and returns its decoded PAYMENT-REQUIRED (asserting the 402).</summary>
    public static async Task<PaymentRequired> GetRequiredAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        return X402HeaderCodec.DecodePaymentRequired(response.Headers.GetValues(X402Headers.PaymentRequired).Single());
    }

    public static async Task<HttpResponseMessage> GetPaidAsync(this HttpClient client, string path, string paymentSignature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, paymentSignature);
        return await client.SendAsync(request);
    }

    public static SettlementResponse PaymentResponse(this HttpResponseMessage response) =>
        X402HeaderCodec.DecodePaymentResponse(response.Headers.GetValues(X402Headers.PaymentResponse).Single());

    /// <summary>The <c>code</c> of a problem+json body.</summary>
    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("code").GetString();
    }

    /// <summary>Asserts a refused payment: 402, PAYMENT-RESPONSE with <paramref name="reason"/>, a fresh PAYMENT-REQUIRED.</summary>
    public static async Task ShouldBeRefusedAsync(this HttpResponseMessage response, string reason)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var settlement = response.PaymentResponse();
        settlement.Success.ShouldBeFalse();
        settlement.ErrorReason.ShouldBe(reason, settlement.ErrorMessage);
        settlement.Transaction.ShouldBeEmpty();
        X402HeaderCodec.DecodePaymentRequired(response.Headers.GetValues(X402Headers.PaymentRequired).Single()).Accepts.ShouldNotBeEmpty();
        (await response.ProblemCodeAsync()).ShouldBe(reason);
    }
}
