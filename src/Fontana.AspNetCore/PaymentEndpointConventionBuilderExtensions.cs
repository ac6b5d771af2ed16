using Fontana.AspNetCore.Payments;
using Fontana.Core;

namespace Microsoft.AspNetCore.Builder;

/// <summary><c>RequirePayment</c>: puts a price on minimal-API endpoints and route groups.</summary>
public static class PaymentEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Charges <paramref name="price"/> (e.g. <c>"0.001 TIA"</c>) per call: unpaid calls get 402 with x402 payment
    /// requirements; the handler runs only after the payment settled.
    /// </summary>
    /// <exception cref="ArgumentException">The price does not parse.</exception>
    public static TBuilder RequirePayment<TBuilder>(this TBuilder builder, string price, string? description = null)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Amount.TryParse(price, out var amount, out var error))
        {
            throw new ArgumentException($"RequirePayment(\"{price}\"): {error}", nameof(price));
        }

        return builder.RequirePayment(amount, description);
    }

    /// <summary>Charges a fixed <paramref name="price"/> per call.</summary>
    public static TBuilder RequirePayment<TBuilder>(this TBuilder builder, Amount price, string? description = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Add(new RoutePriceMetadata(price, description));

    /// <summary>
    /// Charges a price computed per request (dynamic pricing). The callback runs for the 402 and again for the
    /// paid retry; a payment for a price that changed meanwhile is refused with a fresh challenge. Zero means free.
    /// </summary>
    public static TBuilder RequirePayment<TBuilder>(this TBuilder builder, Func<HttpContext, ValueTask<Amount>> price, string? description = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Add(new RoutePriceMetadata(price, description));

    private static TBuilder Add<TBuilder>(this TBuilder builder, RoutePriceMetadata metadata)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(metadata);
        builder.AddEndpointFilter(new PaymentEndpointFilter(metadata));
        return builder;
    }
}
