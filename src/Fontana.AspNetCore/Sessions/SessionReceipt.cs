using System.Globalization;
using System.Text.Json;
using Fontana.Core;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The <c>extensions.fontanaSession</c> of a session call's PAYMENT-RESPONSE: session id, voucher counter, what this
/// call was charged and why (<c>price</c>, the handler's reason, or <c>failed-call</c> at 0), the most it could have
/// cost, and the session's total charged so far.
/// </summary>
internal static class SessionReceipt
{
    public static JsonElement Create(SessionGate.SessionCall call, Amount charged, string reason)
    {
        Amount total;
        lock (call.Session.Sync)
        {
            total = call.Session.Charged;
        }

        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("fontanaSession");
            writer.WriteString("sessionId", call.Charge.SessionId.ToString());
            writer.WriteString("counter", call.Voucher.Voucher.Counter.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("charged", charged.Utia.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("maxPrice", call.Charge.MaxPrice.Utia.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("reason", reason);
            writer.WriteString("totalCharged", total.Utia.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }
}
