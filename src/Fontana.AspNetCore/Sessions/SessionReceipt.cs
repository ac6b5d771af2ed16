using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The <c>extensions.fontanaSession</c> of a session call's PAYMENT-RESPONSE: session id, voucher counter, what this
/// call was charged and why (<c>price</c>, the handler's reason, or <c>failed-call</c> at 0), the most it could have
/// cost, and the session's total charged so far.
/// </summary>
internal static class SessionReceipt
{
    /// <summary>
    /// The <c>PAYMENT-RESPONSE</c> header of a session call: base64 of
    /// <c>{"success":true,"payer":…,"transaction":"","network":…,"extensions":{"fontanaSession":{…}}}</c>, the JSON that
    /// <see cref="X402HeaderCodec.EncodePaymentResponse"/> writes for the same <see cref="SettlementResponse"/>, written
    /// straight into a pooled buffer (no intermediate objects or document per call).
    /// </summary>
    public static string EncodePaymentResponse(SessionGate.SessionCall call, string network, Amount charged, string reason)
    {
        Amount total;
        lock (call.Session.Sync)
        {
            total = call.Session.Charged;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", true);
            writer.WriteString("payer", call.Session.PayerText);
            writer.WriteString("transaction", string.Empty);
            writer.WriteString("network", network);
            writer.WritePropertyName("extensions");
            WriteExtensions(writer, call, charged, reason, total);
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan);
    }

    private static void WriteExtensions(Utf8JsonWriter writer, SessionGate.SessionCall call, Amount charged, string reason, Amount total)
    {
        Span<char> number = stackalloc char[20];
        writer.WriteStartObject();
        writer.WriteStartObject("fontanaSession");
        writer.WriteString("sessionId", call.Session.IdText);
        writer.WriteString("counter", Format(call.Voucher.Voucher.Counter, number));
        writer.WriteString("charged", Format(charged.Utia, number));
        writer.WriteString("maxPrice", Format(call.Charge.MaxPrice.Utia, number));
        writer.WriteString("reason", reason);
        writer.WriteString("totalCharged", Format(total.Utia, number));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static ReadOnlySpan<char> Format(ulong value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return buffer[..written];
    }
}
