namespace Fontana.AspNetCore;

/// <summary>Access to the settled payment of the current request.</summary>
public static class HttpContextPaymentExtensions
{
    /// <summary>The payment that paid for this request, or null on a free endpoint.</summary>
    public static FontanaPayment? GetFontanaPayment(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<FontanaPayment>();
    }

    /// <summary>The session charge of this request when it is paid through a session (<c>fontana-session</c>), else null.</summary>
    public static Sessions.FontanaSessionCharge? GetFontanaSessionCharge(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Sessions.FontanaSessionCharge>();
    }

    /// <summary>
    /// Sets what this call costs, after the work (usage-based pricing), at most the endpoint's price (the client's
    /// maximum); <paramref name="reason"/> goes into the receipt (e.g. <c>"412 tokens"</c>). For session payments the
    /// charge is committed when the handler succeeds. Returns false when the request is not paid through a session
    /// (an <c>exact</c> payment has already paid the full price).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is above the maximum.</exception>
    public static bool SetFontanaPrice(this HttpContext context, Fontana.Core.Amount price, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var charge = context.Features.Get<Sessions.FontanaSessionCharge>();
        if (charge is null)
        {
            return false;
        }

        charge.SetPrice(price, reason);
        return true;
    }
}
