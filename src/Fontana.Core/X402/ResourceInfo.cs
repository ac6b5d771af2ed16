using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>The protected resource (x402 v2 <c>ResourceInfo</c>, spec §5.1.2).</summary>
public sealed record ResourceInfo : IX402Validatable
{
    /// <summary>URL of the protected resource (required).</summary>
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>Human-readable description (optional).</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>MIME type of the expected response (optional).</summary>
    [JsonPropertyName("mimeType")]
    public string? MimeType { get; init; }

    void IX402Validatable.Validate(X402Path path) => X402Validation.Text(Url, path, "url");
}
