namespace Fontana.Sdk.Marketplace;

/// <summary>One page of a discovery list as read: its items and, when the document has <c>pagination</c>, the total.</summary>
internal sealed record DiscoveryListPage(int X402Version, CatalogProvider? Provider, IReadOnlyList<CatalogResource> Items, int? Total, int? Offset);
