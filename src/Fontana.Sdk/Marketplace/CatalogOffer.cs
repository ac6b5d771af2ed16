using System.Text.Json;
using Fontana.Core;

namespace Fontana.Sdk.Marketplace;

/// <summary>One way to pay for a resource: an x402 v2 <c>PaymentRequirements</c> object of a discovery item's
/// <c>accepts</c> (x402-specification-v2 §8.2).</summary>
/// <param name="Scheme">The payment scheme, e.g. <c>exact</c>.</param>
/// <param name="Network">The CAIP-2 network, e.g. <c>fontana:devnet</c> or <c>eip155:8453</c>.</param>
/// <param name="AmountText">The amount in the asset's base units, as the document wrote it (a decimal string).</param>
/// <param name="Asset">The asset (<c>utia</c> on Fontana networks).</param>
/// <param name="PayTo">Who is paid.</param>
/// <param name="MaxTimeoutSeconds">How long a payment may take, when given.</param>
/// <param name="Extra">Scheme-specific data, when given.</param>
public sealed record CatalogOffer(
    string Scheme, string Network, string AmountText, string Asset, string PayTo, long? MaxTimeoutSeconds, JsonElement? Extra)
{
    /// <summary>True for a Fontana network (<c>fontana:&lt;chainId&gt;</c>).</summary>
    public bool IsFontana => Network.StartsWith("fontana:", StringComparison.Ordinal);

    /// <summary>The price as an <see cref="Amount"/> when the asset is <c>utia</c> and the amount a whole number of utia;
    /// otherwise null (another chain's token).</summary>
    public Amount? Price => string.Equals(Asset, "utia", StringComparison.OrdinalIgnoreCase) && Amount.TryParseUtia(AmountText, out var a, out _) ? a : null;
}
