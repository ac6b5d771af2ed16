using Fontana.Core;

namespace Fontana.Sdk.Payments;

/// <summary>Per-request payment settings for requests sent through a <see cref="PaymentHandler"/>.</summary>
public static class HttpRequestMessageExtensions
{
    private static readonly HttpRequestOptionsKey<Amount> MaxPriceKey = new("Fontana.MaxPrice");

    /// <summary>Caps what this request may pay (price, fee excluded), overriding the handler's limit.</summary>
    public static HttpRequestMessage SetFontanaMaxPrice(this HttpRequestMessage request, Amount maxPrice)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(MaxPriceKey, maxPrice);
        return request;
    }

    internal static bool TryGetFontanaMaxPrice(this HttpRequestMessage request, out Amount maxPrice) =>
        request.Options.TryGetValue(MaxPriceKey, out maxPrice);
}
