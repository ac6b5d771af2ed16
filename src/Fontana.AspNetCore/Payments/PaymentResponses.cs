using Fontana.AspNetCore.Problems;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Payments;

/// <summary>Writes the responses of the payment gate: 402 with PAYMENT-REQUIRED, and problem+json failures.</summary>
internal static class PaymentResponses
{
    /// <summary>402 for an unpaid request: PAYMENT-REQUIRED header, and the same JSON as the body.</summary>
    public static Task WritePaymentRequiredAsync(HttpContext context, PaymentRequired required)
    {
        var json = X402Json.SerializeToUtf8Bytes(required);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status402PaymentRequired;
        NoStore(context);
        response.Headers[X402Headers.PaymentRequired] = Convert.ToBase64String(json);
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        return response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    /// <summary>400 for a payment header that cannot be read: problem+json whose <c>code</c> says why.</summary>
    public static Task WriteMalformedAsync(HttpContext context, string code, string detail) =>
        WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Malformed payment", code, detail);

    /// <summary>
    /// A payment that was refused (402) or could not be settled (503): PAYMENT-RESPONSE with <c>errorReason</c>,
    /// a fresh PAYMENT-REQUIRED to pay again, and problem+json whose <c>code</c> is the reason.
    /// </summary>
    public static Task WritePaymentFailedAsync(
        HttpContext context, int status, string network, string reason, string detail, string? payer, PaymentRequired? retry)
    {
        var settlement = new SettlementResponse
        {
            Success = false,
            ErrorReason = reason,
            ErrorMessage = detail,
            Payer = payer,
            Transaction = string.Empty,
            Network = network,
        };
        context.Response.Headers[X402Headers.PaymentResponse] = X402HeaderCodec.EncodePaymentResponse(settlement);
        NoStore(context);
        if (retry is not null)
        {
            context.Response.Headers[X402Headers.PaymentRequired] = Convert.ToBase64String(X402Json.SerializeToUtf8Bytes(retry));
        }

        var title = status == StatusCodes.Status402PaymentRequired ? "Payment refused" : "Payment could not be settled";
        return WriteProblemAsync(context, status, title, reason, detail);
    }

    /// <summary>A 402 carries a one-time challenge: no cache may keep it or serve it to another client.</summary>
    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string code, string detail) =>
        FontanaProblems.WriteAsync(context, code, detail, status, title);
}
