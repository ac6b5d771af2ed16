using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fontana.Node.Telemetry;

/// <summary>
/// Metrics and traces on the maintained OpenTelemetry packages: the <c>Fontana.*</c> meters of this host exported in
/// the Prometheus text format at <c>/metrics</c> (OpenTelemetry.Exporter.Prometheus.AspNetCore), and, when
/// <see cref="TelemetryOptions.OtlpEndpoint"/> is set, traces of ASP.NET Core, HttpClient and the <c>Fontana.*</c>
/// activity sources sent over OTLP.
/// </summary>
public static class FontanaTelemetry
{
    /// <summary>The meters exported: every Fontana component's meter.</summary>
    public static readonly IReadOnlyList<string> MeterNames = ["Fontana.Node", "Fontana.AspNetCore", "Fontana.Sdk", "Fontana.Bridge"];

    /// <summary>Activity sources traced when tracing is on.</summary>
    public const string ActivitySourcePattern = "Fontana.*";

    /// <summary>
    /// Registers OpenTelemetry for this host. Meters are enabled with <see cref="MeterScope.Local"/>: only meters made by
    /// this host's <see cref="IMeterFactory"/> are exported, so two hosts in one process (tests, a node beside a
    /// provider) never mix their figures.
    /// </summary>
    public static IServiceCollection AddFontanaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        services.AddMetrics(metrics =>
        {
            foreach (var meter in MeterNames)
            {
                metrics.EnableMetrics(meter, instrumentName: null, listenerName: "OpenTelemetry", scopes: MeterScope.Local);
            }
        });
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics => metrics.AddPrometheusExporter(o => o.DisableTotalNameSuffixForCounters = false));
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ActivitySourcePattern)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }

        return services;
    }

    /// <summary>Maps <c>GET <paramref name="pattern"/></c> to the Prometheus text exposition of this host's meters.</summary>
    public static IEndpointConventionBuilder MapFontanaMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPrometheusScrapingEndpoint(pattern);
    }
}
