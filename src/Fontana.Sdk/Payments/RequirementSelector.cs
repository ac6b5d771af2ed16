using Fontana.Core;
using Fontana.Core.X402;

namespace Fontana.Sdk.Payments;

/// <summary>Picks the cheapest offer we can pay: scheme <c>exact</c>, asset <c>utia</c>, our chain's network, price within
/// the per-call limit.</summary>
internal static class RequirementSelector
{
    /// <exception cref="FontanaPaymentException"><c>price-too-high</c> or <c>no-acceptable-requirement</c>.</exception>
    public static PaymentRequirements Select(PaymentRequired required, string network, Amount maxPrice, out Amount price)
    {
        PaymentRequirements? best = null;
        var bestPrice = Amount.MaxValue;
        var cheapestTooDear = Amount.MaxValue;
        var accepts = required.Accepts;
        for (var i = 0; i < accepts.Count; i++)
        {
            var offer = accepts[i];
            if (offer.Scheme != FontanaExact.Scheme || offer.Asset != FontanaExact.Asset || offer.Network != network
                || !offer.TryGetAmount(out var amount) || amount.IsZero)
            {
                continue;
            }

            if (amount > maxPrice)
            {
                cheapestTooDear = amount < cheapestTooDear ? amount : cheapestTooDear;
                continue;
            }

            if (amount < bestPrice)
            {
                best = offer;
                bestPrice = amount;
            }
        }

        if (best is not null)
        {
            price = bestPrice;
            return best;
        }

        if (cheapestTooDear != Amount.MaxValue)
        {
            throw new FontanaPaymentException(
                FontanaPaymentException.PriceTooHigh,
                $"{FontanaPaymentException.PriceTooHigh}: {required.Resource.Url} costs {cheapestTooDear}, more than the limit of {maxPrice} per call");
        }

        var offered = new List<string>(accepts.Count);
        for (var i = 0; i < accepts.Count; i++)
        {
            offered.Add($"{accepts[i].Scheme}/{accepts[i].Network}/{accepts[i].Asset}");
        }

        throw new FontanaPaymentException(
            FontanaPaymentException.NoAcceptableRequirement,
            $"{FontanaPaymentException.NoAcceptableRequirement}: {required.Resource.Url} offers {string.Join(", ", offered)}; this wallet pays exact/{network}/utia");
    }
}
