using System.Text.Json;

namespace Fontana.Core.X402;

/// <summary>Shared field checks for the x402 types.</summary>
internal static class X402Validation
{
    public static void Version(int version, X402Path path)
    {
        if (version != X402Protocol.Version)
        {
            throw new X402FormatException(
                X402FormatException.UnsupportedVersion,
                $"{path.Prefix}x402Version is {version}; only version {X402Protocol.Version} is supported");
        }
    }

    /// <summary>Present and non-empty.</summary>
    public static void Text(string? value, X402Path path, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw X402FormatException.Missing(path.Field(field));
        }
    }

    /// <summary>Present (may be empty).</summary>
    public static void Present(object? value, X402Path path, string field)
    {
        if (value is null)
        {
            throw X402FormatException.Missing(path.Field(field));
        }
    }

    /// <summary>Present in field <paramref name="field"/>, then validated with that field's path before its field names.</summary>
    public static void Nested(IX402Validatable? value, X402Path path, string field)
    {
        Present(value, path, field);
        value!.Validate(path.Child(field));
    }

    /// <summary>Item <paramref name="index"/> of the array in <paramref name="field"/>: present, then validated.</summary>
    public static void Item(IX402Validatable? value, X402Path path, string field, int index)
    {
        var item = path.Item(field, index);
        if (value is null)
        {
            throw X402FormatException.Missing(item.Name);
        }

        value.Validate(item);
    }

    /// <summary>An optional JSON value must be an object when present.</summary>
    public static void OptionalObject(JsonElement? value, X402Path path, string field)
    {
        if (value is { } element && element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            throw X402FormatException.Invalid(path.Field(field), "must be a JSON object");
        }
    }

    public static void RequiredObject(JsonElement value, X402Path path, string field)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw X402FormatException.Missing(path.Field(field));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw X402FormatException.Invalid(path.Field(field), "must be a JSON object");
        }
    }

    /// <summary>An x402 amount: a base-10 integer string of atomic units (no sign, no decimal point).</summary>
    public static void AtomicAmount(string? value, X402Path path, string field)
    {
        Text(value, path, field);
        if (value!.Length > 78)
        {
            throw X402FormatException.Invalid(path.Field(field), "is longer than any 256-bit integer");
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                throw X402FormatException.Invalid(path.Field(field), $"must be a base-10 integer string of atomic units, got \"{value}\"");
            }
        }
    }

    public static void Utf8Length(string? value, int maxBytes, X402Path path, string field)
    {
        // UTF-8 takes at most 3 bytes per UTF-16 char: short strings need no count.
        if (value is not null && value.Length * 3 > maxBytes && System.Text.Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            throw X402FormatException.Invalid(path.Field(field), $"is longer than {maxBytes} bytes");
        }
    }
}
