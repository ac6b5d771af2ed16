using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>
/// What a resource server requires (x402 v2 <c>PaymentRequired</c>, spec §5.1); sent base64-encoded in the
/// <c>PAYMENT-REQUIRED</c> header of a 402 response.
/// </summary>
public sealed record PaymentRequired : IX402Validatable
{
    /// <summary>Protocol version; always 2.</summary>
    [JsonPropertyName("x402Version")]
    public int X402Version { get; init; } = X402Protocol.Version;

    /// <summary>Human-readable reason payment is required (optional).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>The protected resource.</summary>
    [JsonPropertyName("resource")]
    public required ResourceInfo Resource { get; init; }

    /// <summary>Acceptable payment methods (at least one).</summary>
    [JsonPropertyName("accepts")]
    public required IReadOnlyList<PaymentRequirements> Accepts { get; init; }

    /// <summary>Protocol extensions (optional JSON object: extension id → <c>{info, schema}</c>).</summary>
    [JsonPropertyName("extensions")]
    public JsonElement? Extensions { get; init; }

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Version(X402Version, path);
        X402Validation.Nested(Resource, path, "resource");
        X402Validation.Present(Accepts, path, "accepts");
        if (Accepts.Count == 0)
        {
            throw new X402FormatException(X402FormatException.MissingField, $"{path.Prefix}accepts is empty; at least one payment method is required");
        }

        for (var i = 0; i < Accepts.Count; i++)
        {
            X402Validation.Item(Accepts[i], path, "accepts", i);
        }

        X402Validation.OptionalObject(Extensions, path, "extensions");
    }
}
