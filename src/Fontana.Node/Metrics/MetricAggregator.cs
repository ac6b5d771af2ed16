using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Fontana.Node.Metrics;

/// <summary>Aggregates one instrument's measurements per label set, concurrently with measurement and scraping.</summary>
internal abstract class MetricAggregator
{
    protected MetricAggregator(Instrument instrument, string name, string type)
    {
        Instrument = instrument;
        Name = name;
        Type = type;
        Help = string.IsNullOrEmpty(instrument.Description) ? null : PrometheusNaming.EscapeHelp(instrument.Description);
    }

    public Instrument Instrument { get; }

    /// <summary>Metric family name (sanitized, with unit suffix and <c>_total</c> for counters).</summary>
    public string Name { get; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string Type { get; }

    /// <summary>Escaped HELP text, or null.</summary>
    public string? Help { get; }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Called under the scrape lock before observable instruments are observed.</summary>
    public abstract void BeginCollect();
}

/// <summary>Series storage keyed by the rendered label set, with an allocation-free lookup for known series.</summary>
internal abstract class MetricAggregator<TSeries> : MetricAggregator
    where TSeries : class
{
    private readonly ConcurrentDictionary<string, TSeries> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TSeries>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxSeries;
    private readonly bool _resetOnCollect;
    private int _count;
    private TSeries? _unlabeled; // the series without labels, cached: the common case skips the key build and lookup

    protected MetricAggregator(Instrument instrument, string name, string type, int maxSeries, bool resetOnCollect)
        : base(instrument, name, type)
    {
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxSeries = maxSeries;
        _resetOnCollect = resetOnCollect;
    }

    public IEnumerable<KeyValuePair<string, TSeries>> Series => _series;

    public override void BeginCollect()
    {
        // Observable instruments report their full current state on each observation; forget what they no longer report.
        if (_resetOnCollect)
        {
            _series.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    protected abstract TSeries CreateSeries();

    /// <summary>The series for <paramref name="tags"/>; null when the instrument already has the maximum number of series.</summary>
    protected TSeries? GetSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty && Volatile.Read(ref _unlabeled) is { } unlabeled)
        {
            return unlabeled;
        }

        var buffer = CharBuffer.ForCurrentThread();
        LabelSet.Build(tags, ref buffer);
        var key = buffer.Span;
        if (_lookup.TryGetValue(key, out var series))
        {
            return series;
        }

        if (Volatile.Read(ref _count) >= _maxSeries)
        {
            return null;
        }

        var created = CreateSeries();
        if (_lookup.TryAdd(key, created))
        {
            Interlocked.Increment(ref _count);
            series = created;
        }
        else if (!_lookup.TryGetValue(key, out series))
        {
            return null;
        }

        if (tags.IsEmpty && !_resetOnCollect)
        {
            Volatile.Write(ref _unlabeled, series);
        }

        return series;
    }
}
