using System.ComponentModel.DataAnnotations;

namespace Fontana.Sdk.Marketplace;

/// <summary>Limits of <see cref="FontanaMarketplace"/> when it reads discovery documents from servers it does not trust.</summary>
public sealed class MarketplaceOptions
{
    /// <summary>Largest discovery document (one page) read, in bytes; a larger one fails with <c>discovery-too-large</c>.</summary>
    /// <value>Default 1 MiB.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxDocumentBytes { get; set; } = 1024 * 1024;

    /// <summary>Most resources read across all pages of one catalog; more fail with <c>discovery-too-large</c>.</summary>
    /// <value>Default 10,000.</value>
    [Range(1, 1_000_000)]
    public int MaxResources { get; set; } = 10_000;

    /// <summary>Page size asked for when following <c>pagination</c> (x402 allows 1–100).</summary>
    /// <value>Default 100.</value>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>How long one page may take to arrive before the read fails with <c>discovery-unreachable</c>.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
