using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>One (version, scheme, network) a facilitator supports (x402 v2 <c>SupportedKind</c>, spec §7.3.1).</summary>
public sealed record SupportedKind : IX402Validatable
{
    /// <summary>Protocol version supported (2).</summary>
    [JsonPropertyName("x402Version")]
    public int X402Version { get; init; } = X402Protocol.Version;

    /// <summary>Payment scheme, e.g. <c>exact</c>.</summary>
    [JsonPropertyName("scheme")]
    public required string Scheme { get; init; }

    /// <summary>CAIP-2 network id.</summary>
    [JsonPropertyName("network")]
    public required string Network { get; init; }

    /// <summary>Scheme-specific configuration (optional JSON object).</summary>
    [JsonPropertyName("extra")]
    public JsonElement? Extra { get; init; }

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Text(Scheme, path, "scheme");
        X402Validation.Text(Network, path, "network");
        X402Validation.OptionalObject(Extra, path, "extra");
    }
}
