using System.Text.Json;
namespace Fontana.Core.X402;

/// <summary>
/// x402's <c>payment-identifier</c> extension (specs/extensions/payment_identifier.md): the client's idempotency key,
/// <c>extensions["payment-identifier"].info.id</c>, 16 to 128 characters from <c>[A-Za-z0-9_-]</c>. A payment carrying an
/// id that already bought this request (same payer) gets that call's stored response and is not settled.
/// </summary>
public static class PaymentIdentifier
{
    /// <summary>The extension's key in <c>extensions</c>.</summary>
    public const string ExtensionKey = "payment-identifier";

    /// <summary>The id the client sent, null when none; false with <paramref name="error"/> when it is not a valid id.</summary>
    public static bool TryRead(PaymentPayload payload, out string? id, out string? error)
    {
        id = null;
        error = null;
        if (payload.Extensions is not { ValueKind: JsonValueKind.Object } extensions
            || !extensions.TryGetProperty(ExtensionKey, out var extension)
            || extension.ValueKind != JsonValueKind.Object
            || !extension.TryGetProperty("info", out var info)
            || info.ValueKind != JsonValueKind.Object
            || !info.TryGetProperty("id", out var value)
            || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String || !IsValid(value.GetString()!))
        {
            error = "extensions.payment-identifier.info.id must be 16 to 128 characters from [A-Za-z0-9_-]";
            return false;
        }

        id = value.GetString();
        return true;
    }

    /// <summary>The extension as a 402 advertises it (optional for clients).</summary>
    public static JsonElement Advertisement { get; } = JsonDocument.Parse("""
        {"info":{"required":false},"schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
        "properties":{"required":{"type":"boolean"},"id":{"type":"string","minLength":16,"maxLength":128}},"required":["required"]}}
        """).RootElement.Clone();

    private static bool IsValid(string id)
    {
        if (id.Length is < 16 or > 128)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }
}
