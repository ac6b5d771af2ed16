using System.Net;
using Fontana.Core.Errors;
using Fontana.Core.X402;

namespace Fontana.Sdk.Sessions;

/// <summary>Reads a provider's refusal of a session voucher (a 402 whose PAYMENT-RESPONSE says why).</summary>
internal static class SessionRefusals
{
    /// <summary>The refused call's PAYMENT-RESPONSE, or null (none, or unreadable).</summary>
    public static SettlementResponse? ReadSettlement(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(X402Headers.PaymentResponse, out var values))
        {
            return null;
        }

        try
        {
            return X402HeaderCodec.DecodePaymentResponse(values.First());
        }
        catch (X402FormatException)
        {
            return null;
        }
    }

    /// <summary>True for a 402 refusing a MAC-only voucher as beyond the provider's MAC credit.</summary>
    public static bool IsSignatureRequired(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.PaymentRequired
        && ReadSettlement(response) is { Success: false, ErrorReason: ErrorCodes.VoucherSignatureRequired };
}
