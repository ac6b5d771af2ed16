using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>
/// The request body of the facilitator's <c>POST /verify</c> and <c>POST /settle</c> (spec §7.1, §7.2: the two
/// are identical): the client's payment and the requirements the resource server holds it to.
/// </summary>
public sealed record FacilitatorRequest : IX402Validatable
{
    /// <summary>Protocol version; always 2.</summary>
    [JsonPropertyName("x402Version")]
    public int X402Version { get; init; } = X402Protocol.Version;

    /// <summary>The payment as received in <c>PAYMENT-SIGNATURE</c>.</summary>
    [JsonPropertyName("paymentPayload")]
    public required PaymentPayload PaymentPayload { get; init; }

    /// <summary>The requirements the resource server expects the payment to meet.</summary>
    [JsonPropertyName("paymentRequirements")]
    public required PaymentRequirements PaymentRequirements { get; init; }

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Version(X402Version, path);
        X402Validation.Nested(PaymentPayload, path, "paymentPayload");
        X402Validation.Nested(PaymentRequirements, path, "paymentRequirements");
    }
}
