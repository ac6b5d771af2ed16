using System.Diagnostics.Metrics;

namespace Fontana.Node.Metrics;

/// <summary>Maps an instrument to its Prometheus type, name and aggregator.</summary>
internal static class InstrumentKinds
{
    public static MetricAggregator? CreateAggregator(Instrument instrument, PrometheusExporterOptions options)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var max = options.MaxSeriesPerInstrument;
        if (definition == typeof(Counter<>))
        {
            return new SumAggregator(instrument, Name(instrument, counter: true, gauge: false), "counter", max);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new SumAggregator(instrument, Name(instrument, counter: false, gauge: true), "gauge", max);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new LastValueAggregator(instrument, Name(instrument, counter: true, gauge: false), "counter", max, observable: true);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return new LastValueAggregator(instrument, Name(instrument, counter: false, gauge: true), "gauge", max, observable: true);
        }

        if (definition == typeof(Gauge<>))
        {
            return new LastValueAggregator(instrument, Name(instrument, counter: false, gauge: true), "gauge", max, observable: false);
        }

        if (definition == typeof(Histogram<>))
        {
            var bounds = ValidBounds(AdvisedBounds(instrument)) ?? ValidBounds(options.DefaultHistogramBoundaries) ?? [];
            return new HistogramAggregator(instrument, Name(instrument, counter: false, gauge: false), bounds, max);
        }

        return null;
    }

    private static string Name(Instrument instrument, bool counter, bool gauge) =>
        PrometheusNaming.MetricName(instrument.Name, instrument.Unit, counter, gauge);

    private static IEnumerable<double>? AdvisedBounds(Instrument instrument) => instrument switch
    {
        Instrument<double> i => i.Advice?.HistogramBucketBoundaries,
        Instrument<float> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<long> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<short> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<byte> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        Instrument<decimal> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
        _ => null,
    };

    /// <summary>Finite and strictly increasing, or null.</summary>
    private static double[]? ValidBounds(IEnumerable<double>? bounds)
    {
        if (bounds is null)
        {
            return null;
        }

        var array = bounds.ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (!double.IsFinite(array[i]) || (i > 0 && array[i] <= array[i - 1]))
            {
                return null;
            }
        }

        return array;
    }
}
