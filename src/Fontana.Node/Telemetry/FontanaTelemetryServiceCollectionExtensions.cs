using System.Diagnostics.Metrics;
using Fontana.Node.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Metrics and traces on the maintained OpenTelemetry packages: the <c>Fontana.*</c> meters of this host exported in
/// the Prometheus text format (see <c>MapFontanaMetrics</c>), and, when <see cref="TelemetryOptions.OtlpEndpoint"/> is
/// set, traces of ASP.NET Core, HttpClient and the <c>Fontana.*</c> activity sources sent over OTLP.
/// </summary>
public static class FontanaTelemetryServiceCollectionExtensions
{
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
            foreach (var meter in FontanaTelemetry.MeterNames)
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
                .AddSource(FontanaTelemetry.ActivitySourcePattern)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => ConfigureOtlp(o, endpoint, options.OtlpProtocol)));
        }

        return services;
    }

    private static void ConfigureOtlp(OtlpExporterOptions otlp, Uri endpoint, string protocol)
    {
        if (string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            otlp.Endpoint = endpoint.AbsolutePath == "/" ? new Uri(endpoint, "v1/traces") : endpoint;
            return;
        }

        if (!string.Equals(protocol, "grpc", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{TelemetryOptions.SectionName}:OtlpProtocol must be \"grpc\" or \"http/protobuf\" (got \"{protocol}\")");
        }

        otlp.Protocol = OtlpExportProtocol.Grpc;
        otlp.Endpoint = endpoint;
    }
}
