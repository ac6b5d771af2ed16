using System.Globalization;
using System.Text.Json;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;

namespace Fontana.Core.X402;

/// <summary>
/// The <c>fontana-session</c> x402 scheme (docs/x402.md): requirements' <c>extra</c> names the payee key the session
/// must be opened for; the payload carries one signed voucher:
/// <c>{"sessionId": hex, "cumulative": utia, "counter": decimal, "signature": hex}</c>.
/// </summary>
public static class FontanaSession
{
    /// <summary>The scheme name advertised in <c>accepts</c> next to <c>exact</c>.</summary>
    public const string Scheme = "fontana-session";

    /// <summary>The <c>extra</c> of a session requirement: <c>{"payee": hex public key, "minDeposit": utia}</c>.</summary>
    public static JsonElement CreateExtra(PublicKey payee, Amount minDeposit)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("payee", payee.ToString());
            writer.WriteString("minDeposit", minDeposit.Utia.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    /// <summary>Reads the payee key (and minimum deposit) from a session requirement's <c>extra</c>.</summary>
    public static bool TryReadExtra(JsonElement? extra, out PublicKey payee, out Amount minDeposit)
    {
        payee = default;
        minDeposit = Amount.Zero;
        return extra is { ValueKind: JsonValueKind.Object } e
            && e.TryGetProperty("payee", out var p) && p.ValueKind == JsonValueKind.String && PublicKey.TryParse(p.GetString(), out payee)
            && (!e.TryGetProperty("minDeposit", out var m) || (m.ValueKind == JsonValueKind.String && Amount.TryParseUtia(m.GetString()!, out minDeposit, out _)));
    }

    /// <summary>The payload JSON of one voucher.</summary>
    public static JsonElement CreatePayload(SignedVoucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("sessionId", voucher.Voucher.SessionId.ToString());
            writer.WriteString("cumulative", voucher.Voucher.Cumulative.Utia.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("counter", voucher.Voucher.Counter.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("signature", Convert.ToHexStringLower(voucher.Signature));
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    /// <summary>Reads a voucher payload; false (with a reason) for anything malformed. Never throws.</summary>
    public static bool TryReadPayload(JsonElement payload, out SignedVoucher? voucher, out string? error)
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

        if (!TryString(payload, "signature", out var signatureHex) || signatureHex.Length != 2 * Ed25519.SignatureLength)
        {
            error = "signature is not 64 bytes of hex";
            return false;
        }

        Span<byte> signature = stackalloc byte[Ed25519.SignatureLength];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != System.Buffers.OperationStatus.Done || written != signature.Length)
        {
            error = "signature is not 64 bytes of hex";
            return false;
        }

        voucher = new SignedVoucher(new Voucher(sessionId, cumulative, counter), signature);
        return true;
    }

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
