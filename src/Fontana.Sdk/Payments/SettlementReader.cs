using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Core.X402;

namespace Fontana.Sdk.Payments;

/// <summary>Finds the sequencer's provisional receipt in a <c>PAYMENT-RESPONSE</c>'s <c>extensions</c>: under
/// <c>fontana.receipt</c>, <c>receipt</c>, or <c>fontana</c> itself (a receipt-shaped object).</summary>
internal static class SettlementReader
{
    public static ReceiptDto? FindReceipt(SettlementResponse settlement)
    {
        if (settlement.Extensions is not { ValueKind: JsonValueKind.Object } extensions)
        {
            return null;
        }

        if (extensions.TryGetProperty("fontana", out var fontana) && fontana.ValueKind == JsonValueKind.Object)
        {
            if (fontana.TryGetProperty("receipt", out var nested) && TryRead(nested, out var receipt))
            {
                return receipt;
            }

            if (TryRead(fontana, out receipt))
            {
                return receipt;
            }
        }

        return extensions.TryGetProperty("receipt", out var direct) && TryRead(direct, out var found) ? found : null;
    }

    private static bool TryRead(JsonElement element, out ReceiptDto? receipt)
    {
        receipt = null;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("sequencerSignature", out _))
        {
            return false;
        }

        try
        {
            receipt = element.Deserialize(ApiJsonContext.Default.ReceiptDto);
            return receipt is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
