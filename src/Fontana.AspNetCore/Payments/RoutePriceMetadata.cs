using Fontana.Core;

namespace Fontana.AspNetCore.Payments;

/// <summary>The price <c>RequirePayment</c> attaches to an endpoint: fixed, or a per-request callback.</summary>
internal sealed class RoutePriceMetadata : IPriceMetadata
{
    private readonly Func<HttpContext, ValueTask<Amount>>? _callback;

    public RoutePriceMetadata(Amount price, string? description)
    {
        FixedPrice = price;
        Description = description;
    }

    public RoutePriceMetadata(Func<HttpContext, ValueTask<Amount>> callback, string? description)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _callback = callback;
        Description = description;
    }

    public Amount? FixedPrice { get; }

    public string? Description { get; }

    public ValueTask<Amount> GetPriceAsync(HttpContext context) =>
        _callback is null ? new ValueTask<Amount>(FixedPrice!.Value) : _callback(context);
}
