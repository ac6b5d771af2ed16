using System.Text;

namespace Fontana.Node.Metrics;

/// <summary>Writes the sample lines of one metric family.</summary>
internal static class PrometheusTextWriter
{
    /// <summary><c>name{labels} value</c> per label set; equal label sets from merged instruments are summed.</summary>
    public static void WriteValues(StringBuilder text, string name, IEnumerable<MetricAggregator<DoubleCell>> members)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            foreach (var (labels, cell) in member.Series)
            {
                values[labels] = values.GetValueOrDefault(labels) + cell.Value;
            }
        }

        foreach (var (labels, value) in values)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(PrometheusNaming.FormatValue(value)).Append('\n');
        }
    }

    /// <summary>Cumulative <c>_bucket{…,le="b"}</c> lines ending with <c>le="+Inf"</c>, then <c>_sum</c> and <c>_count</c>.</summary>
    public static void WriteHistogram(StringBuilder text, HistogramAggregator first, IEnumerable<HistogramAggregator> members)
    {
        var bounds = first.Bounds;
        var series = new SortedDictionary<string, (long[] Counts, double Sum)>(StringComparer.Ordinal);
        foreach (var member in members.Where(m => m.Bounds.AsSpan().SequenceEqual(bounds)))
        {
            foreach (var (labels, cell) in member.Series)
            {
                var (counts, sum) = series.TryGetValue(labels, out var existing) ? existing : (new long[bounds.Length + 1], 0d);
                cell.AddTo(counts, ref sum);
                series[labels] = (counts, sum);
            }
        }

        foreach (var (labels, (counts, sum)) in series)
        {
            var prefix = labels.Length > 0 ? labels + "," : string.Empty;
            long cumulative = 0;
            for (var i = 0; i <= bounds.Length; i++)
            {
                cumulative += counts[i];
                var le = i < bounds.Length ? PrometheusNaming.FormatValue(bounds[i]) : "+Inf";
                text.Append(first.Name).Append("_bucket{").Append(prefix).Append("le=\"").Append(le).Append("\"} ")
                    .Append(cumulative).Append('\n');
            }

            var braces = labels.Length > 0 ? "{" + labels + "}" : string.Empty;
            text.Append(first.Name).Append("_sum").Append(braces).Append(' ').Append(PrometheusNaming.FormatValue(sum)).Append('\n');
            text.Append(first.Name).Append("_count").Append(braces).Append(' ').Append(cumulative).Append('\n');
        }
    }
}
