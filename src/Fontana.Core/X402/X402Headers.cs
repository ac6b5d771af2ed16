namespace Fontana.Core.X402;

/// <summary>HTTP header names of the x402 v2 HTTP transport (coinbase/x402 <c>specs/transports-v2/http.md</c>).</summary>
public static class X402Headers
{
    /// <summary>Server → client on a 402: base64 of the UTF-8 JSON <see cref="X402.PaymentRequired"/>.</summary>
    public const string PaymentRequired = "PAYMENT-REQUIRED";

    /// <summary>Client → server on the paid retry: base64 of the UTF-8 JSON <see cref="PaymentPayload"/>.</summary>
    public const string PaymentSignature = "PAYMENT-SIGNATURE";

    /// <summary>Server → client after settlement: base64 of the UTF-8 JSON <see cref="SettlementResponse"/>.</summary>
    public const string PaymentResponse = "PAYMENT-RESPONSE";
}
