using Fontana.AspNetCore.Payments;
using Fontana.Core;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Fontana.AspNetCore;

/// <summary>
/// Puts a price on an MVC controller or action: <c>[Charge("0.001 TIA")]</c>. Unpaid calls get 402 with x402
/// payment requirements; paid calls run the action after the payment settled. On both a controller and an action,
/// the action's price applies. For minimal APIs use <c>RequirePayment</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ChargeAttribute : Attribute, IFilterFactory, IOrderedFilter, IPriceMetadata
{
    private readonly Amount _price;

    /// <param name="price">The price, e.g. <c>"0.001 TIA"</c> or <c>"1000utia"</c>.</param>
    /// <exception cref="ArgumentException">The price does not parse.</exception>
    public ChargeAttribute(string price)
    {
        if (!Amount.TryParse(price, out _price, out var error))
        {
            throw new ArgumentException($"[Charge(\"{price}\")]: {error}", nameof(price));
        }

        Price = price;
    }

    /// <summary>The price as written.</summary>
    public string Price { get; }

    /// <summary>What the call buys, shown to payers (x402 <c>resource.description</c>) and in discovery.</summary>
    public string? Description { get; set; }

    /// <summary>Runs after authorization filters and before other resource filters (default <c>-1000</c>).</summary>
    public int Order { get; set; } = -1000;

    bool IFilterFactory.IsReusable => true;

    Amount? IPriceMetadata.FixedPrice => _price;

    IFilterMetadata IFilterFactory.CreateInstance(IServiceProvider serviceProvider) => new ChargeResourceFilter(this);

    ValueTask<Amount> IPriceMetadata.GetPriceAsync(HttpContext context) => new(_price);
}
