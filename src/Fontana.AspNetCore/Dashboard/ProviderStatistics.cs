using System.Globalization;

namespace Fontana.AspNetCore.Dashboard;

/// <summary>
/// In-memory aggregates for the provider dashboard since the process started: calls paid / refused (by reason) /
/// free / rate-limited, revenue by route and by UTC day, top payers, and settle latency over the last
/// <see cref="LatencyWindow"/> payments. One small lock: updates are a few dictionary writes.
/// </summary>
internal sealed class ProviderStatistics
{
    /// <summary>How many recent settle latencies the percentiles are taken over.</summary>
    public const int LatencyWindow = 4096;

    /// <summary>How many payers the dashboard lists.</summary>
    public const int TopPayers = 10;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RouteTotals> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refusedByReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _rateLimitedByLimit = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ulong> _revenueByDay = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PayerTotals> _payers = new(StringComparer.Ordinal);
    private readonly double[] _latencyMs = new double[LatencyWindow];
    private long _latencyCount;

    public void Paid(string route, string payer, ulong utia, TimeSpan settle, DateTimeOffset at)
    {
        lock (_lock)
        {
            var totals = Route(route);
            totals.Paid++;
            totals.RevenueUtia = checked(totals.RevenueUtia + utia);
            var day = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            _revenueByDay[day] = checked(_revenueByDay.GetValueOrDefault(day) + utia);
            var p = _payers.TryGetValue(payer, out var found) ? found : _payers[payer] = new PayerTotals();
            p.Calls++;
            p.Utia = checked(p.Utia + utia);
            _latencyMs[_latencyCount++ % LatencyWindow] = settle.TotalMilliseconds;
        }
    }

    public void Refused(string route, string reason)
    {
        lock (_lock)
        {
            Route(route).Refused++;
            _refusedByReason[reason] = _refusedByReason.GetValueOrDefault(reason) + 1;
        }
    }

    public void Free(string route)
    {
        lock (_lock)
        {
            Route(route).Free++;
        }
    }

    public void RateLimited(string route, string limit)
    {
        lock (_lock)
        {
            Route(route).RateLimited++;
            _rateLimitedByLimit[limit] = _rateLimitedByLimit.GetValueOrDefault(limit) + 1;
        }
    }

    /// <summary>A consistent copy of every aggregate, for the dashboard's JSON.</summary>
    public ProviderStatisticsSnapshot Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_latencyCount, LatencyWindow);
            var latencies = _latencyMs.AsSpan(0, count).ToArray();
            Array.Sort(latencies);
            return new ProviderStatisticsSnapshot(
                _routes.Values.Sum(r => r.Paid),
                _routes.Values.Sum(r => r.Refused),
                _routes.Values.Sum(r => r.Free),
                _routes.Values.Sum(r => r.RateLimited),
                _routes.Values.Aggregate(0UL, (sum, r) => checked(sum + r.RevenueUtia)).ToString(CultureInfo.InvariantCulture),
                _routes.OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new RouteStatistics(r.Key, r.Value.Paid, r.Value.Refused, r.Value.Free, r.Value.RateLimited,
                        r.Value.RevenueUtia.ToString(CultureInfo.InvariantCulture))).ToArray(),
                _refusedByReason.OrderByDescending(r => r.Value).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
                _rateLimitedByLimit.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
                _revenueByDay.Select(d => new DayRevenue(d.Key, d.Value.ToString(CultureInfo.InvariantCulture))).ToArray(),
                _payers.OrderByDescending(p => p.Value.Utia).ThenBy(p => p.Key, StringComparer.Ordinal).Take(TopPayers)
                    .Select(p => new PayerStatistics(p.Key, p.Value.Calls, p.Value.Utia.ToString(CultureInfo.InvariantCulture))).ToArray(),
                new LatencyStatistics(count, Percentile(latencies, 0.50), Percentile(latencies, 0.99)));
        }
    }

    private static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private RouteTotals Route(string route) => _routes.TryGetValue(route, out var found) ? found : _routes[route] = new RouteTotals();

    private sealed class RouteTotals
    {
        public long Paid;
        public long Refused;
        public long Free;
        public long RateLimited;
        public ulong RevenueUtia;
    }

    private sealed class PayerTotals
    {
        public long Calls;
        public ulong Utia;
    }
}
