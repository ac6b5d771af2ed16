namespace Fontana.Sdk.Networks;

/// <summary>One node of a network: <c>Fontana:Networks:&lt;name&gt;:Nodes:&lt;i&gt;</c>.</summary>
public sealed class FontanaNetworkNodeOptions
{
    /// <summary>The node's root URL, absolute http(s), e.g. <c>http://127.0.0.1:5080/</c>. Required.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Relative share of the traffic among equally healthy nodes (the health score is multiplied by it);
    /// positive. Default 1.</summary>
    public double Weight { get; set; } = 1.0;
}
