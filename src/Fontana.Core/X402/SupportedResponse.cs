using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>The body of the facilitator's <c>GET /supported</c> response (x402 v2, spec §7.3).</summary>
public sealed record SupportedResponse : IX402Validatable
{
    /// <summary>Supported payment kinds.</summary>
    [JsonPropertyName("kinds")]
    public required IReadOnlyList<SupportedKind> Kinds { get; init; }

    /// <summary>Extension identifiers the facilitator implements.</summary>
    [JsonPropertyName("extensions")]
    public required IReadOnlyList<string> Extensions { get; init; }

    /// <summary>CAIP-2 patterns (e.g. <c>fontana:*</c>) → public signer keys/addresses.</summary>
    [JsonPropertyName("signers")]
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Signers { get; init; }

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Present(Kinds, path, "kinds");
        for (var i = 0; i < Kinds.Count; i++)
        {
            X402Validation.Item(Kinds[i], path, "kinds", i);
        }

        X402Validation.Present(Extensions, path, "extensions");
        X402Validation.Present(Signers, path, "signers");
    }
}
