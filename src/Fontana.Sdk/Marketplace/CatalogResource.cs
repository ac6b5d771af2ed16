using System.Text.Json;

namespace Fontana.Sdk.Marketplace;

/// <summary>
/// One paid resource of a catalog: an x402 v2 discovery item (x402-specification-v2 §8.2: <c>resource</c>,
/// <c>type</c>, <c>x402Version</c>, <c>accepts</c>, <c>lastUpdated</c>, <c>metadata</c>) with what Fontana providers put in
/// its metadata read out (methods, price text, description).
/// </summary>
public sealed record CatalogResource
{
    /// <summary>The resource URL (or identifier) as listed, e.g. <c>http://host/weather/{city}</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>The path of <see cref="Resource"/> when it is an absolute URL (route parameters kept, e.g.
    /// <c>/weather/{city}</c>); otherwise <see cref="Resource"/> itself.</summary>
    public required string Path { get; init; }

    /// <summary>The resource type, <c>http</c> for HTTP endpoints.</summary>
    public required string Type { get; init; }

    /// <summary>The x402 version the resource speaks.</summary>
    public required int X402Version { get; init; }

    /// <summary>The ways to pay (empty for a route priced per request).</summary>
    public required IReadOnlyList<CatalogOffer> Offers { get; init; }

    /// <summary>HTTP methods (metadata <c>methods</c>), empty when not given.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Description (metadata <c>description</c>, or the item's own <c>description</c>), when given.</summary>
    public string? Description { get; init; }

    /// <summary>The price as the provider wrote it (metadata <c>price</c>, e.g. <c>0.001 TIA</c>), when given.</summary>
    public string? PriceText { get; init; }

    /// <summary>True when the price is set per request (metadata <c>dynamicPrice</c>).</summary>
    public bool DynamicPrice { get; init; }

    /// <summary>When the resource was last updated (unix seconds or an ISO 8601 string in the document), when given.</summary>
    public DateTimeOffset? LastUpdated { get; init; }

    /// <summary>The item's whole <c>metadata</c> object, when given.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>The networks of <see cref="Offers"/>, in order, without repeats.</summary>
    public IReadOnlyList<string> Networks => Offers.Select(o => o.Network).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The schemes of <see cref="Offers"/>, in order, without repeats.</summary>
    public IReadOnlyList<string> Schemes => Offers.Select(o => o.Scheme).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when <paramref name="path"/> (e.g. <c>/weather/paris</c>) is this resource's path, a route
    /// parameter (<c>{city}</c> or <c>:city</c>) matching any one segment. Case-insensitive, query ignored.</summary>
    public bool MatchesPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var wanted = (query < 0 ? path : path[..query]).Trim('/').Split('/');
        var pattern = Path.Trim('/').Split('/');
        if (wanted.Length != pattern.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var segment = pattern[i];
            var parameter = (segment.StartsWith('{') && segment.EndsWith('}')) || (segment.StartsWith(':') && segment.Length > 1);
            if (!parameter && !string.Equals(segment, wanted[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
