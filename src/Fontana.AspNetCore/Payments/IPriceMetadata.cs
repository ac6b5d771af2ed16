using Fontana.Core;

namespace Fontana.AspNetCore.Payments;

/// <summary>Endpoint metadata marking a priced endpoint (from <c>RequirePayment</c> or <see cref="ChargeAttribute"/>).</summary>
internal interface IPriceMetadata
{
    /// <summary>The fixed price, or null when the price is computed per request.</summary>
    Amount? FixedPrice { get; }

    /// <summary>Human-readable description of what is sold (x402 <c>resource.description</c>).</summary>
    string? Description { get; }

    /// <summary>The price of this request; zero means free.</summary>
    ValueTask<Amount> GetPriceAsync(HttpContext context);
}
