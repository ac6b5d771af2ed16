using System.Diagnostics.Metrics;

namespace Fontana.Node.Metrics;

/// <summary>Options of <see cref="PrometheusTextExporter"/>.</summary>
public sealed class PrometheusExporterOptions
{
    /// <summary>The OpenTelemetry SDK's default explicit bucket boundaries, used for histograms without advice.</summary>
    public static IReadOnlyList<double> OpenTelemetryDefaultBoundaries { get; } =
        [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    /// <summary>Which meters to export; default: names starting with <c>Fontana</c> (ordinal).</summary>
    public Func<Meter, bool> MeterFilter { get; set; } = static meter => meter.Name.StartsWith("Fontana", StringComparison.Ordinal);

    /// <summary>
    /// When set, meters created by a different <see cref="IMeterFactory"/> are skipped (meters created with
    /// <c>new Meter(…)</c> have no factory and are kept). Lets several hosts share a process (tests) without
    /// exporting each other's metrics. <c>AddPrometheusMetrics</c> sets it to the host's factory.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Bucket boundaries for histograms whose instrument gives none through
    /// <c>InstrumentAdvice&lt;T&gt;.HistogramBucketBoundaries</c>.</summary>
    public IReadOnlyList<double> DefaultHistogramBoundaries { get; set; } = OpenTelemetryDefaultBoundaries;

    /// <summary>Most label sets kept per instrument; measurements with further label sets are dropped (bounds memory).</summary>
    public int MaxSeriesPerInstrument { get; set; } = 2000;
}
