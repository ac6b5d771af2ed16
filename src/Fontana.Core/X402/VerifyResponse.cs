using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>The body of the facilitator's <c>POST /verify</c> response (x402 v2 <c>VerifyResponse</c>, spec §5.4, §7.1).</summary>
public sealed record VerifyResponse : IX402Validatable
{
    /// <summary>Whether the payment is valid.</summary>
    [JsonPropertyName("isValid")]
    public required bool IsValid { get; init; }

    /// <summary>Why the payment is invalid (omitted when valid); see <see cref="X402ErrorReasons"/>.</summary>
    [JsonPropertyName("invalidReason")]
    public string? InvalidReason { get; init; }

    /// <summary>Human-readable detail for <see cref="InvalidReason"/> (optional; reference implementation field).</summary>
    [JsonPropertyName("invalidMessage")]
    public string? InvalidMessage { get; init; }

    /// <summary>The payer's address (optional).</summary>
    [JsonPropertyName("payer")]
    public string? Payer { get; init; }

    /// <summary>Protocol extensions (optional JSON object).</summary>
    [JsonPropertyName("extensions")]
    public JsonElement? Extensions { get; init; }

    void IX402Validatable.Validate(X402Path path) => X402Validation.OptionalObject(Extensions, path, "extensions");
}
