using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fontana.Core.X402;

/// <summary>
/// JSON for the x402 types (source-generated System.Text.Json): bodies of the facilitator API
/// (<c>/verify</c>, <c>/settle</c>, <c>/supported</c>) and the JSON inside the x402 headers.
/// Deserialization validates the result and throws only <see cref="X402FormatException"/>.
/// </summary>
/// <remarks>Supported types: <see cref="PaymentRequired"/>, <see cref="PaymentRequirements"/>, <see cref="PaymentPayload"/>,
/// <see cref="SettlementResponse"/>, <see cref="VerifyResponse"/>, <see cref="FacilitatorRequest"/>,
/// <see cref="SupportedResponse"/>, <see cref="FontanaChallenge"/>, <see cref="FontanaExactPayload"/>.</remarks>
public static class X402Json
{
    /// <summary>Default limit on a JSON body, in bytes.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>Serializes <paramref name="value"/> to UTF-8 JSON after validating it.</summary>
    /// <exception cref="X402FormatException">The value is invalid (a required field missing, a bad version…).</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not an x402 type.</exception>
    public static byte[] SerializeToUtf8Bytes<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        Validate(value, X402Path.Root, context: null);
        return JsonSerializer.SerializeToUtf8Bytes(value, Info<T>.TypeInfo);
    }

    /// <summary>Serializes <paramref name="value"/> after validating it into a buffer owned by the calling thread, valid
    /// until that thread's next call (the same bytes <see cref="SerializeToUtf8Bytes{T}"/> returns).</summary>
    internal static ArrayBufferWriter<byte> SerializeToPooledUtf8<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        Validate(value, X402Path.Root, context: null);
        var writer = RentWriter(out var buffer);
        JsonSerializer.Serialize(writer, value, Info<T>.TypeInfo);
        writer.Flush();
        return buffer;
    }

    /// <summary>
    /// The JSON of a <see cref="PaymentPayload"/> whose <c>payload</c> is <paramref name="payload"/>, byte for byte what
    /// serializing <c>new PaymentPayload { Resource, Accepted, Payload = payload.ToPayload(), Extensions }</c> gives, written
    /// without building the payload's JSON object first; into the calling thread's buffer, like
    /// <see cref="SerializeToPooledUtf8{T}"/>.
    /// </summary>
    internal static ArrayBufferWriter<byte> SerializeFontanaPaymentToPooledUtf8(
        ResourceInfo? resource, PaymentRequirements accepted, FontanaExactPayload payload, JsonElement? extensions)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(payload);
        if (resource is not null)
        {
            Validate(resource, X402Path.Named("resource"), context: null);
        }

        Validate(accepted, X402Path.Named("accepted"), context: null);
        Validate(payload, X402Path.Named("payload"), context: null);
        X402Validation.OptionalObject(extensions, X402Path.Root, "extensions");

        var context = X402JsonContext.Default;
        var writer = RentWriter(out var buffer);
        writer.WriteStartObject();
        writer.WriteNumber(VersionName, X402Protocol.Version);
        if (resource is not null)
        {
            writer.WritePropertyName(ResourceName);
            JsonSerializer.Serialize(writer, resource, context.ResourceInfo);
        }

        writer.WritePropertyName(AcceptedName);
        JsonSerializer.Serialize(writer, accepted, context.PaymentRequirements);
        writer.WritePropertyName(PayloadName);
        JsonSerializer.Serialize(writer, payload, context.FontanaExactPayload);
        if (extensions is { } e)
        {
            writer.WritePropertyName(ExtensionsName);
            e.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    private static readonly JsonEncodedText VersionName = JsonEncodedText.Encode("x402Version");
    private static readonly JsonEncodedText ResourceName = JsonEncodedText.Encode("resource");
    private static readonly JsonEncodedText AcceptedName = JsonEncodedText.Encode("accepted");
    private static readonly JsonEncodedText PayloadName = JsonEncodedText.Encode("payload");
    private static readonly JsonEncodedText ExtensionsName = JsonEncodedText.Encode("extensions");

    private static Utf8JsonWriter RentWriter(out ArrayBufferWriter<byte> buffer)
    {
        buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = X402JsonContext.Default.Options.Encoder, SkipValidation = true });
        writer.Reset(buffer);
        return writer;
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Deserializes and validates UTF-8 JSON.</summary>
    /// <exception cref="X402FormatException">Malformed, too large, missing or invalid fields, unsupported version.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not an x402 type.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (utf8Json.Length > maxBytes)
        {
            throw new X402FormatException(X402FormatException.HeaderTooLarge, $"JSON body is {utf8Json.Length} bytes; the limit is {maxBytes}");
        }

        return Deserialize<T>(utf8Json, context: null);
    }

    internal static T Deserialize<T>(ReadOnlySpan<byte> utf8Json, string? context)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8Json, Info<T>.TypeInfo);
        }
        catch (JsonException ex)
        {
            throw FromJsonException(ex, context);
        }

        if (value is null)
        {
            throw new X402FormatException(X402FormatException.BadJson, Prefix(context) + "JSON is null; expected an object");
        }

        Validate(value, X402Path.Root, context);
        return value;
    }

    internal static JsonElement SerializeToElement<T>(T value)
        where T : class
    {
        Validate(value, X402Path.Root, context: null);
        return JsonSerializer.SerializeToElement(value, Info<T>.TypeInfo);
    }

    /// <summary>Reads a nested scheme-specific object (<c>extra</c>, <c>payload</c>); <paramref name="path"/> names it in errors.</summary>
    internal static T DeserializeElement<T>(JsonElement? element, string path)
        where T : class
    {
        if (element is not { } e || e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw X402FormatException.Missing(path);
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw X402FormatException.Invalid(path, "must be a JSON object");
        }

        T? value;
        try
        {
            value = e.Deserialize(Info<T>.TypeInfo);
        }
        catch (JsonException ex)
        {
            throw FromJsonException(ex, path);
        }

        Validate(value!, X402Path.Named(path), context: null);
        return value!;
    }

    private static void Validate<T>(T value, X402Path path, string? context)
    {
        if (value is not IX402Validatable validatable)
        {
            return;
        }

        try
        {
            validatable.Validate(path);
        }
        catch (X402FormatException ex) when (context is not null)
        {
            throw new X402FormatException(ex.Code, Prefix(context) + ex.Message, ex.InnerException);
        }
    }

    private static X402FormatException FromJsonException(JsonException ex, string? context)
    {
        // System.Text.Json reports absent `required` members with this message (SR.JsonRequiredPropertiesMissing).
        var code = ex.Message.Contains("missing required properties", StringComparison.Ordinal)
            ? X402FormatException.MissingField
            : X402FormatException.BadJson;
        return new X402FormatException(code, Prefix(context) + ex.Message, ex);
    }

    private static string Prefix(string? context) => context is null ? string.Empty : context + ": ";

    private static class Info<T>
    {
        private static readonly JsonTypeInfo<T>? Resolved =
            typeof(IX402Validatable).IsAssignableFrom(typeof(T)) ? X402JsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T> : null;

        public static JsonTypeInfo<T> TypeInfo => Resolved ?? throw new NotSupportedException($"{typeof(T).Name} is not an x402 type");
    }
}
