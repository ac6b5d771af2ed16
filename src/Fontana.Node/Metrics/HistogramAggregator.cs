using System.Diagnostics.Metrics;

namespace Fontana.Node.Metrics;

/// <summary>Histogram with explicit bucket boundaries (upper bounds inclusive, as Prometheus' <c>le</c>).</summary>
internal sealed class HistogramAggregator(Instrument instrument, string name, double[] bounds, int maxSeries)
    : MetricAggregator<HistogramAggregator.Cell>(instrument, name, "histogram", maxSeries, resetOnCollect: false)
{
    /// <summary>Finite, strictly increasing upper bounds; the +Inf bucket is implicit.</summary>
    public double[] Bounds { get; } = bounds;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var found = Array.BinarySearch(Bounds, value);
        var bucket = found >= 0 ? found : ~found;
        GetSeries(tags)?.Add(bucket, value);
    }

    protected override Cell CreateSeries() => new(Bounds.Length + 1);

    /// <summary>Per-bucket (non-cumulative) counts and the sum, updated under a per-series lock so a snapshot is consistent.</summary>
    internal sealed class Cell(int buckets)
    {
        private readonly long[] _counts = new long[buckets];
        private readonly Lock _lock = new();
        private double _sum;

        public void Add(int bucket, double value)
        {
            lock (_lock)
            {
                _counts[bucket]++;
                _sum += value;
            }
        }

        /// <summary>Adds this series' counts and sum into <paramref name="counts"/> / <paramref name="sum"/>.</summary>
        public void AddTo(long[] counts, ref double sum)
        {
            lock (_lock)
            {
                for (var i = 0; i < _counts.Length; i++)
                {
                    counts[i] += _counts[i];
                }

                sum += _sum;
            }
        }
    }
}
