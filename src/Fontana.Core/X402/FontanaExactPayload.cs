using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>
/// The scheme-specific <c>payload</c> of a Fontana <see cref="PaymentPayload"/>: the signed payment transaction
/// and the challenge it pays (so a provider or remote facilitator can check it without remembering challenges).
/// </summary>
public sealed record FontanaExactPayload : IX402Validatable
{
    /// <summary>Largest accepted transaction, in bytes (the header size limit bounds it anyway).</summary>
    public const int MaxTransactionBytes = 8 * 1024;

    /// <summary>The signed transaction's canonical bytes (JSON: standard base64).</summary>
    [JsonPropertyName("transaction")]
    public required byte[] Transaction { get; init; }

    /// <summary>The provider's challenge this payment answers; the transaction's memo carries its hash.</summary>
    [JsonPropertyName("challenge")]
    public required FontanaChallenge Challenge { get; init; }

    /// <summary>The payload as a JSON object, for <see cref="PaymentPayload.Payload"/>.</summary>
    public JsonElement ToPayload() => X402Json.SerializeToElement(this);

    /// <summary>Reads the Fontana payload from <see cref="PaymentPayload.Payload"/>.</summary>
    /// <exception cref="X402FormatException">Not an object, or a field is missing/invalid.</exception>
    public static FontanaExactPayload FromPayload(JsonElement payload) => X402Json.DeserializeElement<FontanaExactPayload>(payload, "payload");

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Present(Transaction, path, "transaction");
        if (Transaction.Length == 0 || Transaction.Length > MaxTransactionBytes)
        {
            throw X402FormatException.Invalid(path.Field("transaction"), $"must hold 1 to {MaxTransactionBytes} bytes");
        }

        X402Validation.Nested(Challenge, path, "challenge");
    }
}
