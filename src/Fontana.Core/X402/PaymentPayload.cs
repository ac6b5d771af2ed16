using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>
/// A client's payment (x402 v2 <c>PaymentPayload</c>, spec §5.2); sent base64-encoded in the
/// <c>PAYMENT-SIGNATURE</c> header. For Fontana, <see cref="Payload"/> is a <see cref="FontanaExactPayload"/>.
/// </summary>
public sealed record PaymentPayload : IX402Validatable
{
    /// <summary>Protocol version; always 2.</summary>
    [JsonPropertyName("x402Version")]
    public int X402Version { get; init; } = X402Protocol.Version;

    /// <summary>The resource being paid for (optional).</summary>
    [JsonPropertyName("resource")]
    public ResourceInfo? Resource { get; init; }

    /// <summary>The payment requirements the client chose from <see cref="PaymentRequired.Accepts"/>.</summary>
    [JsonPropertyName("accepted")]
    public required PaymentRequirements Accepted { get; init; }

    /// <summary>Scheme-specific payment data (a JSON object); see <see cref="FontanaExactPayload.FromPayload"/>.</summary>
    [JsonPropertyName("payload")]
    public required JsonElement Payload { get; init; }

    /// <summary>Protocol extensions echoed from <see cref="PaymentRequired.Extensions"/> (optional).</summary>
    [JsonPropertyName("extensions")]
    public JsonElement? Extensions { get; init; }

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Version(X402Version, path);
        if (Resource is not null)
        {
            X402Validation.Nested(Resource, path, "resource");
        }

        X402Validation.Nested(Accepted, path, "accepted");
        X402Validation.RequiredObject(Payload, path, "payload");
        X402Validation.OptionalObject(Extensions, path, "extensions");
    }
}
