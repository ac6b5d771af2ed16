using System.Globalization;
using System.Net.Http.Headers;

namespace Fontana.Sdk.Marketplace;

/// <summary>
/// Reads providers' catalogs: a Fontana provider's discovery document (<c>GET /.well-known/x402</c>) or any x402 v2
/// discovery list (a facilitator's <c>GET /discovery/resources</c>, x402-specification-v2 §8), following
/// <c>pagination</c> to the last page. The documents come from servers the caller may not trust: each page is capped
/// (<see cref="MarketplaceOptions"/>), must be JSON, and is checked field by field; every failure is a
/// <see cref="MarketplaceException"/> with a code.
/// </summary>
public sealed class FontanaMarketplace : IDisposable
{
    /// <summary>Where a Fontana provider serves its discovery document.</summary>
    public const string WellKnownPath = "/.well-known/x402";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly MarketplaceOptions _options;

    /// <summary>A marketplace reading through <paramref name="httpClient"/> (not disposed here), or its own client when null.</summary>
    public FontanaMarketplace(HttpClient? httpClient = null, MarketplaceOptions? options = null)
    {
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _options = options ?? new MarketplaceOptions();
    }

    /// <summary>
    /// Reads the catalog at <paramref name="url"/>: a provider's root URL (<c>http://host:port/</c>: its
    /// <c>/.well-known/x402</c> is read) or the URL of a discovery list itself. All pages are read.
    /// </summary>
    /// <exception cref="MarketplaceException"><c>discovery-unreachable</c>, <c>discovery-failed</c>,
    /// <c>discovery-content-type</c>, <c>discovery-too-large</c> or <c>discovery-malformed</c>.</exception>
    public async Task<ProviderCatalog> GetCatalogAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"the catalog URL must be an absolute http(s) URL, not '{url}'", nameof(url));
        }

        var source = url.AbsolutePath is "" or "/" ? new Uri(url, WellKnownPath) : url;
        var first = await ReadPageAsync(WithPage(source, _options.PageSize, null), cancellationToken).ConfigureAwait(false);
        var resources = new List<CatalogResource>(first.Items);
        CheckCount(first.Total ?? resources.Count, source);
        while (first.Total is { } total && resources.Count < total)
        {
            var page = await ReadPageAsync(WithPage(source, _options.PageSize, resources.Count), cancellationToken).ConfigureAwait(false);
            if (page.Items.Count == 0)
            {
                break; // The list shrank while we read it.
            }

            resources.AddRange(page.Items);
            CheckCount(resources.Count, source);
        }

        return new ProviderCatalog(source, first.X402Version, first.Provider, resources);
    }

    /// <summary>Reads an x402 facilitator's discovery list, <c>GET {facilitatorUrl}/discovery/resources</c> (the "Bazaar",
    /// x402-specification-v2 §8.1), optionally only resources of <paramref name="type"/> (e.g. <c>http</c>).</summary>
    /// <exception cref="MarketplaceException">As <see cref="GetCatalogAsync"/>.</exception>
    public Task<ProviderCatalog> GetDiscoveryResourcesAsync(Uri facilitatorUrl, string? type = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(facilitatorUrl);
        var root = facilitatorUrl.AbsoluteUri.TrimEnd('/');
        var url = root + "/discovery/resources" + (type is null ? string.Empty : "?type=" + Uri.EscapeDataString(type));
        return GetCatalogAsync(new Uri(url), cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<DiscoveryListPage> ReadPageAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is < 200 or > 299)
            {
                var hint = status == 404 && url.AbsolutePath == WellKnownPath ? " (does the provider map MapX402Discovery()?)" : string.Empty;
                throw new MarketplaceException(MarketplaceException.Failed, $"{url} answered HTTP {status} {response.ReasonPhrase}{hint}", status);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is null || !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            {
                throw new MarketplaceException(MarketplaceException.ContentType, $"{url} answered {mediaType ?? "no Content-Type"}, not application/json", status);
            }

            if (response.Content.Headers.ContentLength is { } length && length > _options.MaxDocumentBytes)
            {
                throw TooLarge(url, $"{length} bytes");
            }

            var body = await ReadCappedAsync(response.Content, url, timeout.Token).ConfigureAwait(false);
            return DiscoveryListReader.Read(body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MarketplaceException(MarketplaceException.Unreachable, $"{url} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s", 0, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new MarketplaceException(MarketplaceException.Unreachable, $"cannot reach {url}: {ex.Message}", 0, ex);
        }
        catch (IOException ex)
        {
            throw new MarketplaceException(MarketplaceException.Unreachable, $"the answer of {url} broke off: {ex.Message}", 0, ex);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadCappedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(_options.MaxDocumentBytes + 1, 64 * 1024)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > _options.MaxDocumentBytes)
                    {
                        throw TooLarge(url, "more bytes");
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _options.MaxDocumentBytes + 1));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsMemory(0, length);
                }

                length += read;
            }
        }
    }

    private void CheckCount(int count, Uri source)
    {
        if (count > _options.MaxResources)
        {
            throw new MarketplaceException(MarketplaceException.TooLarge, $"{source} lists {count} resources; at most {_options.MaxResources} are read (MarketplaceOptions.MaxResources)");
        }
    }

    private MarketplaceException TooLarge(Uri url, string size) =>
        new(MarketplaceException.TooLarge, $"the document at {url} is larger than {_options.MaxDocumentBytes} bytes ({size}; MarketplaceOptions.MaxDocumentBytes)");

    /// <summary><paramref name="source"/> with <c>limit</c> (when it has none) and <c>offset</c> (when given) set.</summary>
    private static Uri WithPage(Uri source, int limit, int? offset)
    {
        var query = source.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("offset=", StringComparison.Ordinal)).ToList();
        if (!query.Any(p => p.StartsWith("limit=", StringComparison.Ordinal)))
        {
            query.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        if (offset is { } o)
        {
            query.Add("offset=" + o.ToString(CultureInfo.InvariantCulture));
        }

        return new UriBuilder(source) { Query = string.Join('&', query) }.Uri;
    }
}
