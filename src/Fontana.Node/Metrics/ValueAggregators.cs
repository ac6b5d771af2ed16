using System.Diagnostics.Metrics;

namespace Fontana.Node.Metrics;

/// <summary>One double, updated atomically.</summary>
internal sealed class DoubleCell
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public void Set(double value) => Interlocked.Exchange(ref _value, value);
}

/// <summary>Counter / UpDownCounter: the running sum of measurements.</summary>
internal sealed class SumAggregator(Instrument instrument, string name, string type, int maxSeries)
    : MetricAggregator<DoubleCell>(instrument, name, type, maxSeries, resetOnCollect: false)
{
    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => GetSeries(tags)?.Add(value);

    protected override DoubleCell CreateSeries() => new();
}

/// <summary>Gauge and all observable instruments: the last value reported (observables report cumulative values).</summary>
internal sealed class LastValueAggregator(Instrument instrument, string name, string type, int maxSeries, bool observable)
    : MetricAggregator<DoubleCell>(instrument, name, type, maxSeries, resetOnCollect: observable)
{
    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => GetSeries(tags)?.Set(value);

    protected override DoubleCell CreateSeries() => new();
}
