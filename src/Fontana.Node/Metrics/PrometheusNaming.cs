using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Fontana.Node.Metrics;

/// <summary>
/// Prometheus names and text escaping (exposition format 0.0.4), following the OpenTelemetry → Prometheus
/// conversion rules: invalid characters become '_', UCUM units become suffixes, counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNaming
{
    private static readonly ConcurrentDictionary<string, string> LabelNames = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds", ["ms"] = "milliseconds",
        ["us"] = "microseconds", ["ns"] = "nanoseconds", ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes", ["TiBy"] = "tebibytes", ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes",
        ["TBy"] = "terabytes", ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts",
        ["g"] = "grams", ["Cel"] = "celsius", ["Hz"] = "hertz", ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> PerUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["m"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    /// <summary>The family name of an instrument: sanitized name + unit suffix (+ <c>_total</c> for counters).</summary>
    public static string MetricName(string instrumentName, string? unit, bool isCounter, bool isGauge)
    {
        var name = Sanitize(instrumentName, allowLeadingDigit: false);
        var suffix = UnitSuffix(unit, isGauge);
        if (isCounter && name.EndsWith("_total", StringComparison.Ordinal))
        {
            name = name[..^"_total".Length];
        }

        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = name + "_" + suffix;
        }

        return isCounter ? name + "_total" : name;
    }

    /// <summary>The unit as a name suffix: <c>s</c> → <c>seconds</c>, <c>By/s</c> → <c>bytes_per_second</c>,
    /// <c>{tx}</c> → nothing, <c>1</c> → <c>ratio</c> for gauges only.</summary>
    public static string UnitSuffix(string? unit, bool isGauge)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        if (unit == "1")
        {
            return isGauge ? "ratio" : string.Empty;
        }

        var slash = unit.IndexOf('/', StringComparison.Ordinal);
        var main = Unit(slash < 0 ? unit : unit[..slash], Units);
        if (slash < 0)
        {
            return main;
        }

        var per = Unit(unit[(slash + 1)..], PerUnits);
        return per.Length == 0 ? main : main.Length == 0 ? "per_" + per : main + "_per_" + per;
    }

    /// <summary>A valid label name, cached (tag keys are few and usually literals).</summary>
    public static string LabelName(string key) =>
        LabelNames.TryGetValue(key, out var name) ? name : LabelNames.GetOrAdd(key, static k => Sanitize(k, allowLeadingDigit: false));

    /// <summary>Appends a label value with <c>\</c>, <c>"</c> and newline escaped.</summary>
    public static void AppendEscapedLabelValue(ref CharBuffer buffer, scoped ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    buffer.Append("\\\\");
                    break;
                case '"':
                    buffer.Append("\\\"");
                    break;
                case '\n':
                    buffer.Append("\\n");
                    break;
                default:
                    buffer.Append(c);
                    break;
            }
        }
    }

    /// <summary>HELP text escaping: <c>\</c> and newline (quotes are left alone).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Unit(string unit, Dictionary<string, string> table)
    {
        var trimmed = StripAnnotations(unit);
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        return table.TryGetValue(trimmed, out var word) ? word : Sanitize(trimmed, allowLeadingDigit: true).Trim('_');
    }

    /// <summary>Removes UCUM curly-brace annotations such as <c>{tx}</c>.</summary>
    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit.Trim();
        }

        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>[a-zA-Z0-9_] only (others → '_'), runs of '_' collapsed, no leading digit.</summary>
    private static string Sanitize(string text, bool allowLeadingDigit)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c == '_';
            var next = ok ? c : '_';
            if (next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        if (builder.Length == 0 || (!allowLeadingDigit && char.IsAsciiDigit(builder[0])))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
