using Fontana.Core;
using Fontana.Core.X402;

namespace Fontana.Sdk.Networks;

/// <summary>
/// Picks the network that pays a 402 for a <see cref="FontanaNetworkClient"/>: among the offers (scheme <c>exact</c>,
/// asset <c>utia</c>) on networks the client holds and within that network's price limit, the cheapest whose wallet has
/// the price plus the chain's fee free (ties: the default network, then configuration order).
/// </summary>
internal static class NetworkOfferSelector
{
    /// <exception cref="FontanaPaymentException"><c>unknown-network</c> (offers only on networks the client does not hold),
    /// <c>no-acceptable-requirement</c>, <c>price-too-high</c>, or <see cref="InsufficientFundsException"/> naming each
    /// network and what it lacks.</exception>
    public static async Task<FontanaNetwork> SelectAsync(
        PaymentRequired required, IReadOnlyList<FontanaNetwork> networks, Amount? maxPrice, CancellationToken cancellationToken)
    {
        var payable = new List<(FontanaNetwork Network, Amount Price, int Order)>();
        var foreign = new List<string>();
        var tooDear = new List<string>();
        foreach (var offer in required.Accepts)
        {
            if (offer.Scheme != FontanaExact.Scheme || offer.Asset != FontanaExact.Asset || !offer.TryGetAmount(out var price) || price.IsZero)
            {
                continue;
            }

            var order = IndexOf(networks, offer.Network);
            if (order < 0)
            {
                foreign.Add(offer.Network);
                continue;
            }

            var network = networks[order];
            var limit = maxPrice ?? network.MaxPricePerCall;
            if (price > limit)
            {
                tooDear.Add($"{price} on {network.Id} (limit {limit})");
                continue;
            }

            payable.Add((network, price, order));
        }

        if (payable.Count == 0)
        {
            throw NothingPayable(required, networks, foreign, tooDear);
        }

        payable.Sort(static (a, b) => a.Price != b.Price ? a.Price.CompareTo(b.Price) : a.Order.CompareTo(b.Order));
        var lacking = new List<string>(payable.Count);
        Exception? unreachable = null;
        foreach (var (network, price, _) in payable)
        {
            try
            {
                await network.InitializeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FontanaApiException ex)
            {
                // Another network may still pay; reported when none can.
                unreachable ??= ex;
                lacking.Add($"{network.Id}: {ex.Message}");
                continue;
            }

            var needed = price + network.Payer.Chain.MinFee;
            var available = network.Payer.AvailableFunds;
            if (available >= needed)
            {
                return network;
            }

            lacking.Add($"{network.Id} has {available} free, needs {needed} (price + fee)");
        }

        if (unreachable is not null && lacking.Count == 1)
        {
            throw unreachable;
        }

        throw new InsufficientFundsException(
            $"{InsufficientFundsException.InsufficientFundsCode}: no network can pay {required.Resource.Url}: {string.Join("; ", lacking)}");
    }

    private static FontanaPaymentException NothingPayable(PaymentRequired required, IReadOnlyList<FontanaNetwork> networks, List<string> foreign, List<string> tooDear)
    {
        var held = string.Join(", ", networks.Select(n => n.Id));
        if (tooDear.Count > 0)
        {
            return new FontanaPaymentException(FontanaPaymentException.PriceTooHigh,
                $"{FontanaPaymentException.PriceTooHigh}: {required.Resource.Url} costs {string.Join(", ", tooDear)}");
        }

        if (foreign.Count > 0)
        {
            return new FontanaPaymentException(FontanaPaymentException.UnknownNetwork,
                $"{FontanaPaymentException.UnknownNetwork}: {required.Resource.Url} is paid on {string.Join(", ", foreign.Distinct())}; this client holds {held}");
        }

        var offered = string.Join(", ", required.Accepts.Select(a => $"{a.Scheme}/{a.Network}/{a.Asset}"));
        return new FontanaPaymentException(FontanaPaymentException.NoAcceptableRequirement,
            $"{FontanaPaymentException.NoAcceptableRequirement}: {required.Resource.Url} offers {offered}; this client pays exact/utia on {held}");
    }

    private static int IndexOf(IReadOnlyList<FontanaNetwork> networks, string networkId)
    {
        for (var i = 0; i < networks.Count; i++)
        {
            if (networks[i].Id == networkId)
            {
                return i;
            }
        }

        return -1;
    }
}
