namespace Fontana.Sdk.Marketplace;

/// <summary>
/// The paid resources a provider (or an x402 discovery service) lists, all pages read, with search by path or
/// description. Read one with <see cref="FontanaMarketplace.GetCatalogAsync"/>.
/// </summary>
/// <param name="Source">The URL the catalog was read from (its first page).</param>
/// <param name="X402Version">The document's <c>x402Version</c>.</param>
/// <param name="Provider">The provider block of a Fontana provider's document; null for other lists.</param>
/// <param name="Resources">Every resource listed, in the document's order.</param>
public sealed record ProviderCatalog(Uri Source, int X402Version, CatalogProvider? Provider, IReadOnlyList<CatalogResource> Resources)
{
    /// <summary>The networks any resource can be paid on, in order of first appearance.</summary>
    public IReadOnlyList<string> Networks => Resources.SelectMany(r => r.Networks).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The payment schemes any resource accepts, in order of first appearance.</summary>
    public IReadOnlyList<string> Schemes => Resources.SelectMany(r => r.Schemes).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The resources whose path, URL or description contains every word of <paramref name="text"/>
    /// (case-insensitive); all of them for empty text.
    /// </summary>
    public IReadOnlyList<CatalogResource> Search(string? text)
    {
        var words = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Resources.Where(r => words.All(w => Contains(r.Path, w) || Contains(r.Resource, w) || Contains(r.Description, w))).ToList();
    }

    /// <summary>The resources a request to <paramref name="path"/> would reach (route parameters match any segment),
    /// e.g. <c>/weather/paris</c> finds <c>/weather/{city}</c>.</summary>
    public IReadOnlyList<CatalogResource> FindByPath(string path) => Resources.Where(r => r.MatchesPath(path)).ToList();

    /// <summary>The resources that can be paid on <paramref name="network"/> (e.g. <c>fontana:devnet</c>).</summary>
    public IReadOnlyList<CatalogResource> OnNetwork(string network) =>
        Resources.Where(r => r.Offers.Any(o => string.Equals(o.Network, network, StringComparison.Ordinal))).ToList();

    private static bool Contains(string? haystack, string word) =>
        haystack is not null && haystack.Contains(word, StringComparison.OrdinalIgnoreCase);
}
