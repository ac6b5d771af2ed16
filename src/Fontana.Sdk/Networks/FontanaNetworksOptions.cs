namespace Fontana.Sdk.Networks;

/// <summary>
/// The networks of a <see cref="FontanaNetworkClient"/>, bound from the <c>Fontana</c> section:
/// <c>Fontana:Networks:&lt;name&gt;:…</c> (<see cref="FontanaNetworkOptions"/>) and <c>Fontana:DefaultNetwork</c>.
/// Validated at start-up; every error names its key.
/// </summary>
public sealed class FontanaNetworksOptions
{
    /// <summary>The configuration section the options bind from: <c>Fontana</c>.</summary>
    public const string SectionName = "Fontana";

    /// <summary>The networks by name (the name is only a configuration label; the client keys them by x402 network id).
    /// At least one.</summary>
    public IDictionary<string, FontanaNetworkOptions> Networks { get; set; } = new Dictionary<string, FontanaNetworkOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The default network: a name in <see cref="Networks"/> or a network id (<c>fontana:&lt;chainId&gt;</c>).
    /// Default: the only network; required when there are several.</summary>
    public string? DefaultNetwork { get; set; }

    /// <summary>Limits of <see cref="FontanaNetworkClient.Marketplace"/> (<c>Fontana:Marketplace</c>).</summary>
    public Marketplace.MarketplaceOptions Marketplace { get; set; } = new();
}
