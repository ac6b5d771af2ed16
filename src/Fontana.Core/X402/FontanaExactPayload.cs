using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>
/// The scheme-specific <c>payload</c> of a Fontana <see cref="PaymentPayload"/>: the signed payment transaction, and
/// optionally the challenge it pays. The challenge always travels in the offer the payment accepted
/// (<see cref="PaymentPayload.Accepted"/>'s <c>extra</c>), so a provider or remote facilitator can check it without
/// remembering challenges; <see cref="ChallengeIn"/> reads it from either place (docs/x402.md).
/// </summary>
public sealed record FontanaExactPayload : IX402Validatable
{
    /// <summary>Largest accepted transaction, in bytes (the header size limit bounds it anyway).</summary>
    public const int MaxTransactionBytes = 8 * 1024;

    /// <summary>The signed transaction's canonical bytes (JSON: standard base64).</summary>
    [JsonPropertyName("transaction")]
    public required byte[] Transaction { get; init; }

    /// <summary>The provider's challenge this payment answers (the transaction's memo carries its hash), when the payment
    /// repeats it here; null when it is only in <c>accepted.extra</c> (what the .NET SDK sends: one copy instead of two).
    /// Verifiers take this copy when present.</summary>
    [JsonPropertyName("challenge")]
    public FontanaChallenge? Challenge { get; init; }

    /// <summary>The challenge this payment answers: <see cref="Challenge"/> when present, else the challenge in the
    /// <c>extra</c> of <paramref name="accepted"/>, the offer the payment accepted.</summary>
    /// <exception cref="X402FormatException">Neither holds a well-formed challenge.</exception>
    public FontanaChallenge ChallengeIn(PaymentRequirements accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        return Challenge ?? FontanaChallenge.FromExtra(accepted.Extra);
    }

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

        if (Challenge is not null)
        {
            X402Validation.Nested(Challenge, path, "challenge");
        }
    }
}
