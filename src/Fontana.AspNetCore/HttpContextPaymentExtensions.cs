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
}
