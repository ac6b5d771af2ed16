using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Fontana.Node.Metrics;

/// <summary>
/// Exports <see cref="System.Diagnostics.Metrics"/> instruments in the Prometheus text exposition format 0.0.4,
/// collected with a <see cref="MeterListener"/> (no exporter package needed). Counters become <c>counter</c>
/// (<c>_total</c>), up-down counters and gauges <c>gauge</c>, histograms <c>histogram</c> with cumulative
/// <c>_bucket{le=…}</c>, <c>_sum</c>, <c>_count</c>. Measurement is lock-free for counters and gauges; scrapes
/// are serialized. See <c>docs/metrics.md</c>.
/// </summary>
public sealed class PrometheusTextExporter : IDisposable
{
    /// <summary>Content type of the exposition: <c>text/plain; version=0.0.4; charset=utf-8</c>.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly PrometheusExporterOptions _options;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, MetricAggregator> _aggregators = new();
    private readonly Lock _scrapeLock = new();

    /// <summary>Starts listening to the meters selected by <paramref name="options"/> (default: names starting with <c>Fontana</c>).</summary>
    public PrometheusTextExporter(PrometheusExporterOptions? options = null)
    {
        _options = options ?? new PrometheusExporterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSeriesPerInstrument, 1);
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (instrument, _) => _aggregators.TryRemove(instrument, out MetricAggregator? _),
        };
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((MetricAggregator)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Observes observable instruments and renders every exported metric, families sorted by name,
    /// series by label set.</summary>
    public string Render()
    {
        lock (_scrapeLock)
        {
            var aggregators = _aggregators.Values.ToList();
            foreach (var aggregator in aggregators)
            {
                aggregator.BeginCollect();
            }

            _listener.RecordObservableInstruments();

            var text = new StringBuilder(4096);
            var samples = new StringBuilder(1024);
            foreach (var family in aggregators.GroupBy(a => a.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                // Instruments that sanitize to the same name are merged; one of another type is skipped (invalid exposition).
                var first = family.First();
                var members = family.Where(a => a.Type == first.Type).ToList();
                samples.Clear();
                if (first is HistogramAggregator histogram)
                {
                    PrometheusTextWriter.WriteHistogram(samples, histogram, members.OfType<HistogramAggregator>());
                }
                else
                {
                    PrometheusTextWriter.WriteValues(samples, first.Name, members.OfType<MetricAggregator<DoubleCell>>());
                }

                if (samples.Length == 0)
                {
                    continue; // nothing measured yet
                }

                if (first.Help is { } help)
                {
                    text.Append("# HELP ").Append(first.Name).Append(' ').Append(help).Append('\n');
                }

                text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Type).Append('\n').Append(samples);
            }

            return text.ToString();
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!_options.MeterFilter(meter))
        {
            return;
        }

        if (_options.MeterFactory is { } factory && meter.Scope is { } scope && !ReferenceEquals(scope, factory))
        {
            return;
        }

        var aggregator = InstrumentKinds.CreateAggregator(instrument, _options);
        if (aggregator is not null && _aggregators.TryAdd(instrument, aggregator))
        {
            listener.EnableMeasurementEvents(instrument, aggregator);
        }
    }
}
