
namespace Microsoft.AspNetCore.Builder;

/// <summary><c>app.MapFontanaMetrics()</c>: the Prometheus endpoint of the host's Fontana meters.</summary>
public static class FontanaTelemetryEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>GET <paramref name="pattern"/></c> to the Prometheus text exposition of this host's meters
    /// (requires <c>AddFontanaTelemetry</c>).</summary>
    public static IEndpointConventionBuilder MapFontanaMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPrometheusScrapingEndpoint(pattern);
    }
}
