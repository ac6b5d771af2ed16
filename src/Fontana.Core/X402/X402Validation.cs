using System.Text.Json;

namespace Fontana.Core.X402;

/// <summary>Shared field checks for the x402 types.</summary>
internal static class X402Validation
{
    public static void Version(int version, string path)
    {
        if (version != X402Protocol.Version)
        {
            throw new X402FormatException(
                X402FormatException.UnsupportedVersion,
                $"{path}x402Version is {version}; only version {X402Protocol.Version} is supported");
        }
    }

    /// <summary>Present and non-empty.</summary>
    public static void Text(string? value, string path)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw X402FormatException.Missing(path);
        }
    }

    /// <summary>Present (may be empty).</summary>
    public static void Present(object? value, string path)
    {
        if (value is null)
        {
            throw X402FormatException.Missing(path);
        }
    }

    /// <summary>Present, then validated with <paramref name="prefix"/> (ending in '.') before its field names.</summary>
    public static void Nested(IX402Validatable? value, string prefix)
    {
        Present(value, prefix.TrimEnd('.'));
        value!.Validate(prefix);
    }

    /// <summary>An optional JSON value must be an object when present.</summary>
    public static void OptionalObject(JsonElement? value, string path)
    {
        if (value is { } element && element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw X402FormatException.Invalid(path, "must be a JSON object");
        }
    }

    public static void RequiredObject(JsonElement value, string path)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw X402FormatException.Missing(path);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw X402FormatException.Invalid(path, "must be a JSON object");
        }
    }

    /// <summary>An x402 amount: a base-10 integer string of atomic units (no sign, no decimal point).</summary>
    public static void AtomicAmount(string? value, string path)
    {
        Text(value, path);
        if (value!.Length > 78)
        {
            throw X402FormatException.Invalid(path, "is longer than any 256-bit integer");
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                throw X402FormatException.Invalid(path, $"must be a base-10 integer string of atomic units, got \"{value}\"");
            }
        }
    }

    public static void Utf8Length(string? value, int maxBytes, string path)
    {
        if (value is not null && System.Text.Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            throw X402FormatException.Invalid(path, $"is longer than {maxBytes} bytes");
        }
    }
}
