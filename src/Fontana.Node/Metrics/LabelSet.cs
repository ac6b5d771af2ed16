using System.Globalization;

namespace Fontana.Node.Metrics;

/// <summary>
/// Renders measurement tags as a Prometheus label set (<c>a="x",b="y"</c>, without braces): names sanitized and
/// sorted, values escaped. Tags whose sanitized names collide are merged, values joined with ';' (OpenTelemetry rule).
/// The rendered text is also the series key, so a known series is found without allocating.
/// </summary>
internal static class LabelSet
{
    [ThreadStatic]
    private static string[]? t_names;

    [ThreadStatic]
    private static int[]? t_order;

    public static void Build(ReadOnlySpan<KeyValuePair<string, object?>> tags, ref CharBuffer buffer)
    {
        var n = tags.Length;
        if (n == 0)
        {
            return;
        }

        var names = t_names is { } cachedNames && cachedNames.Length >= n ? cachedNames : t_names = new string[Math.Max(n, 8)];
        var order = t_order is { } cachedOrder && cachedOrder.Length >= n ? cachedOrder : t_order = new int[Math.Max(n, 8)];
        for (var i = 0; i < n; i++)
        {
            names[i] = PrometheusNaming.LabelName(tags[i].Key);
            order[i] = i;
        }

        // Insertion sort: tag lists are short. Ties (collisions) keep a stable order by original key.
        for (var i = 1; i < n; i++)
        {
            var current = order[i];
            var j = i - 1;
            while (j >= 0 && Compare(names, tags, order[j], current) > 0)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }

        var k = 0;
        while (k < n)
        {
            var index = order[k];
            if (k > 0)
            {
                buffer.Append(',');
            }

            buffer.Append(names[index]);
            buffer.Append("=\"");
            AppendValue(ref buffer, tags[index].Value);
            k++;
            while (k < n && string.Equals(names[order[k]], names[index], StringComparison.Ordinal))
            {
                buffer.Append(';');
                AppendValue(ref buffer, tags[order[k]].Value);
                k++;
            }

            buffer.Append('"');
        }
    }

    private static int Compare(string[] names, ReadOnlySpan<KeyValuePair<string, object?>> tags, int a, int b)
    {
        var byName = string.CompareOrdinal(names[a], names[b]);
        return byName != 0 ? byName : string.CompareOrdinal(tags[a].Key, tags[b].Key);
    }

    private static void AppendValue(ref CharBuffer buffer, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                PrometheusNaming.AppendEscapedLabelValue(ref buffer, text);
                return;
            case bool flag:
                buffer.Append(flag ? "true" : "false");
                return;
            case ISpanFormattable formattable:
                Span<char> scratch = stackalloc char[64];
                if (formattable.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture))
                {
                    PrometheusNaming.AppendEscapedLabelValue(ref buffer, scratch[..written]);
                }
                else
                {
                    PrometheusNaming.AppendEscapedLabelValue(ref buffer, formattable.ToString(null, CultureInfo.InvariantCulture));
                }

                return;
            case IFormattable formattable:
                PrometheusNaming.AppendEscapedLabelValue(ref buffer, formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                PrometheusNaming.AppendEscapedLabelValue(ref buffer, value.ToString());
                return;
        }
    }
}
