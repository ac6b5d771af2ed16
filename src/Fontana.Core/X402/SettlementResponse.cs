using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>
/// The result of settling a payment (x402 v2 <c>SettlementResponse</c>, spec §5.3): the body of
/// <c>POST /settle</c> and, base64-encoded, the <c>PAYMENT-RESPONSE</c> header.
/// </summary>
public sealed record SettlementResponse : IX402Validatable
{
    /// <summary>Whether settlement succeeded.</summary>
    [JsonPropertyName("success")]
    public required bool Success { get; init; }

    /// <summary>Why settlement failed (omitted on success); see <see cref="X402ErrorReasons"/>.</summary>
    [JsonPropertyName("errorReason")]
    public string? ErrorReason { get; init; }

    /// <summary>Human-readable detail for <see cref="ErrorReason"/> (optional; reference implementation field).</summary>
    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    /// <summary>The payer's address (optional).</summary>
    [JsonPropertyName("payer")]
    public string? Payer { get; init; }

    /// <summary>The settlement transaction id (lowercase hex txid for Fontana); empty when settlement failed.</summary>
    [JsonPropertyName("transaction")]
    public required string Transaction { get; init; }

    /// <summary>CAIP-2 network id.</summary>
    [JsonPropertyName("network")]
    public required string Network { get; init; }

    /// <summary>Protocol extensions (optional JSON object); Fontana puts its receipt here.</summary>
    [JsonPropertyName("extensions")]
    public JsonElement? Extensions { get; init; }

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Present(Transaction, path, "transaction");
        X402Validation.Text(Network, path, "network");
        X402Validation.OptionalObject(Extensions, path, "extensions");
    }
}
