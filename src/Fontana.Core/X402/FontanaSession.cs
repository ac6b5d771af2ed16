using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;

namespace Fontana.Core.X402;

/// <summary>
/// The <c>fontana-session</c> x402 scheme (docs/x402.md): requirements' <c>extra</c> names the payee key the session
/// must be opened for; the payload carries one voucher, signed by the session key, authenticated by a MAC under the
/// session's MAC key, or both:
/// <c>{"sessionId": hex, "cumulative": utia, "counter": decimal, "signature": hex, "mac": hex}</c>.
/// </summary>
public static class FontanaSession
{
    /// <summary>The scheme name advertised in <c>accepts</c> next to <c>exact</c>.</summary>
    public const string Scheme = "fontana-session";

    /// <summary>The <c>extra</c> of a session requirement: <c>{"payee": hex public key, "minDeposit": utia}</c>, plus
    /// <c>"macCredit": utia</c> when the provider takes MAC vouchers within that credit above the latest signed one.</summary>
    public static JsonElement CreateExtra(PublicKey payee, Amount minDeposit, Amount macCredit = default)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("payee", payee.ToString());
            writer.WriteString("minDeposit", minDeposit.Utia.ToString(CultureInfo.InvariantCulture));
            if (!macCredit.IsZero)
            {
                writer.WriteString("macCredit", macCredit.Utia.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    /// <summary>Reads the payee key (and minimum deposit) from a session requirement's <c>extra</c>.</summary>
    public static bool TryReadExtra(JsonElement? extra, out PublicKey payee, out Amount minDeposit) =>
        TryReadExtra(extra, out payee, out minDeposit, out _);

    /// <summary>Reads the payee key, minimum deposit and MAC credit (0 when absent: signed vouchers only) from a session
    /// requirement's <c>extra</c>.</summary>
    public static bool TryReadExtra(JsonElement? extra, out PublicKey payee, out Amount minDeposit, out Amount macCredit)
    {
        payee = default;
        minDeposit = Amount.Zero;
        macCredit = Amount.Zero;
        return extra is { ValueKind: JsonValueKind.Object } e
            && e.TryGetProperty("payee", out var p) && p.ValueKind == JsonValueKind.String && PublicKey.TryParse(p.GetString(), out payee)
            && (!e.TryGetProperty("minDeposit", out var m) || (m.ValueKind == JsonValueKind.String && Amount.TryParseUtia(m.GetString()!, out minDeposit, out _)))
            && (!e.TryGetProperty("macCredit", out var c) || (c.ValueKind == JsonValueKind.String && Amount.TryParseUtia(c.GetString()!, out macCredit, out _)));
    }

    /// <summary>The payload JSON of one signed voucher.</summary>
    public static JsonElement CreatePayload(SignedVoucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        return CreatePayload(PresentedVoucher.FromSigned(voucher));
    }

    /// <summary>The payload JSON of one voucher: <c>signature</c> and/or <c>mac</c> (hex) after the voucher's fields.</summary>
    public static JsonElement CreatePayload(PresentedVoucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WritePayload(writer, voucher);
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    /// <summary>
    /// The <c>PAYMENT-SIGNATURE</c> header value paying with <paramref name="voucher"/> for the offer whose JSON is
    /// <paramref name="acceptedJson"/> (<see cref="X402Json.SerializeToUtf8Bytes{T}"/> of the
    /// <see cref="PaymentRequirements"/>, made once per offer): the same JSON as
    /// <see cref="X402HeaderCodec.EncodePaymentSignature"/> of a <see cref="PaymentPayload"/> with no resource or
    /// extensions, written straight into one buffer (no document per call).
    /// </summary>
    public static string EncodePaymentSignature(ReadOnlySpan<byte> acceptedJson, PresentedVoucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        var buffer = new ArrayBufferWriter<byte>(acceptedJson.Length + 320);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("x402Version", X402Protocol.Version);
            writer.WritePropertyName("accepted");
            writer.WriteRawValue(acceptedJson, skipInputValidation: true);
            writer.WritePropertyName("payload");
            WritePayload(writer, voucher);
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    private static void WritePayload(Utf8JsonWriter writer, PresentedVoucher voucher)
    {
        Span<char> text = stackalloc char[2 * Ed25519.SignatureLength];
        writer.WriteStartObject();
        Span<byte> id = stackalloc byte[Hash32.Length];
        voucher.Voucher.SessionId.CopyTo(id);
        Convert.TryToHexStringLower(id, text, out var length);
        writer.WriteString("sessionId", text[..length]);
        voucher.Voucher.Cumulative.Utia.TryFormat(text, out length, default, CultureInfo.InvariantCulture);
        writer.WriteString("cumulative", text[..length]);
        voucher.Voucher.Counter.TryFormat(text, out length, default, CultureInfo.InvariantCulture);
        writer.WriteString("counter", text[..length]);
        if (voucher.Signed is { } signed)
        {
            Convert.TryToHexStringLower(signed.Signature, text, out length);
            writer.WriteString("signature", text[..length]);
        }

        if (voucher.HasMac)
        {
            Convert.TryToHexStringLower(voucher.Mac, text, out length);
            writer.WriteString("mac", text[..length]);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a voucher payload; false (with a reason) for anything malformed. Never throws.</summary>
    public static bool TryReadPayload(JsonElement payload, out PresentedVoucher? voucher, out string? error)
    {
        voucher = null;
        error = null;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            error = "the session payload is not a JSON object";
            return false;
        }

        if (!TryString(payload, "sessionId", out var id) || !Hash32.TryParse(id, out var sessionId))
        {
            error = "sessionId is not a 64-character hex hash";
            return false;
        }

        if (!TryString(payload, "cumulative", out var cumulativeText) || !Amount.TryParseUtia(cumulativeText, out var cumulative, out _))
        {
            error = "cumulative is not a utia amount";
            return false;
        }

        if (!TryString(payload, "counter", out var counterText)
            || !ulong.TryParse(counterText, NumberStyles.None, CultureInfo.InvariantCulture, out var counter) || counter == 0)
        {
            error = "counter is not a positive integer";
            return false;
        }

        Span<byte> signature = stackalloc byte[Ed25519.SignatureLength];
        Span<byte> mac = stackalloc byte[SessionMacKey.Length];
        var hasSignature = payload.TryGetProperty("signature", out _);
        var hasMac = payload.TryGetProperty("mac", out _);
        if (!hasSignature && !hasMac)
        {
            error = "the voucher has neither a signature nor a mac";
            return false;
        }

        if (hasSignature && !TryHex(payload, "signature", signature))
        {
            error = "signature is not 64 bytes of hex";
            return false;
        }

        if (hasMac && !TryHex(payload, "mac", mac))
        {
            error = "mac is not 32 bytes of hex";
            return false;
        }

        voucher = PresentedVoucher.Create(new Voucher(sessionId, cumulative, counter), hasSignature ? signature : [], hasMac ? mac : []);
        return true;
    }

    private static bool TryHex(JsonElement element, string name, Span<byte> destination) =>
        TryString(element, name, out var hex)
        && hex.Length == 2 * destination.Length
        && Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;

    private static bool TryString(JsonElement element, string name, out string value)
    {
        value = string.Empty;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString()!;
        return true;
    }
}
