using Fontana.Core;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// A call paid through a session, for the handler (<c>HttpContext.GetFontanaSessionCharge()</c>): the most it may
/// charge (the price) and, after <c>SetFontanaPrice</c>, what it will charge. The charge is committed when the handler
/// succeeds; a 5xx or an exception charges nothing.
/// </summary>
public sealed class FontanaSessionCharge
{
    internal FontanaSessionCharge(Hash32 sessionId, Address payer, Amount maxPrice)
    {
        SessionId = sessionId;
        Payer = payer;
        MaxPrice = maxPrice;
        Price = maxPrice;
    }

    /// <summary>The session paying.</summary>
    public Hash32 SessionId { get; }

    /// <summary>The session's payer.</summary>
    public Address Payer { get; }

    /// <summary>The endpoint's price: the most this call can cost.</summary>
    public Amount MaxPrice { get; }

    /// <summary>What the call will cost if it succeeds (the price unless the handler set another).</summary>
    public Amount Price { get; private set; }

    /// <summary>Why it costs that (shown in the receipt): <c>price</c> by default, or the handler's reason.</summary>
    public string Reason { get; private set; } = "price";

    /// <summary>Sets the final price, at most <see cref="MaxPrice"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is above the maximum.</exception>
    public void SetPrice(Amount price, string? reason)
    {
        if (price > MaxPrice)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, $"a call's price cannot exceed its maximum {MaxPrice.ToUtiaString()}");
        }

        Price = price;
        Reason = string.IsNullOrWhiteSpace(reason) ? "usage" : reason;
    }
}
