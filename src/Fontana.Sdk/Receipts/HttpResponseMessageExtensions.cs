namespace Fontana.Sdk.Receipts;

/// <summary>Reads the payment receipt the SDK attaches to responses of paid calls.</summary>
public static class HttpResponseMessageExtensions
{
    internal static readonly HttpRequestOptionsKey<PaymentReceipt> ReceiptKey = new("Fontana.PaymentReceipt");

    /// <summary>The receipt of the payment made for this response, or null when the call was free (or the payment's
    /// outcome is not known yet).</summary>
    public static PaymentReceipt? GetFontanaReceipt(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.RequestMessage is { } request && request.Options.TryGetValue(ReceiptKey, out var receipt) ? receipt : null;
    }

    /// <summary>True when the SDK paid for this response.</summary>
    public static bool WasPaid(this HttpResponseMessage response) => response.GetFontanaReceipt() is not null;

    internal static void SetFontanaReceipt(this HttpRequestMessage request, PaymentReceipt receipt) => request.Options.Set(ReceiptKey, receipt);

    internal static void ClearFontanaReceipt(this HttpRequestMessage request) =>
        ((IDictionary<string, object?>)request.Options).Remove(ReceiptKey.Key);
}
