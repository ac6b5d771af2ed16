using Fontana.Node.Metrics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Registers and maps the Prometheus <c>/metrics</c> endpoint.</summary>
public static class PrometheusEndpointExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PrometheusTextExporter"/> limited to this host's meters
    /// (<see cref="PrometheusExporterOptions.MeterFactory"/> = the host's <see cref="IMeterFactory"/>).
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, Action<PrometheusExporterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider =>
        {
            var options = new PrometheusExporterOptions { MeterFactory = provider.GetService<IMeterFactory>() };
            configure?.Invoke(options);
            return new PrometheusTextExporter(options);
        });
        return services;
    }

    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> to the Prometheus text exposition, content type
    /// <c>text/plain; version=0.0.4; charset=utf-8</c>. Requires <see cref="AddPrometheusMetrics"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="AddPrometheusMetrics"/> was not called.</exception>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var exporter = endpoints.ServiceProvider.GetService<PrometheusTextExporter>()
            ?? throw new InvalidOperationException("PrometheusTextExporter is not registered: call services.AddPrometheusMetrics() first");
        return endpoints.MapGet(pattern, (RequestDelegate)(async context =>
        {
            var body = System.Text.Encoding.UTF8.GetBytes(exporter.Render());
            context.Response.ContentType = PrometheusTextExporter.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }));
    }
}
