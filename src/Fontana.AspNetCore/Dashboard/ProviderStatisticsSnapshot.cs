namespace Fontana.AspNetCore.Dashboard;

/// <summary>The provider dashboard's JSON (<c>GET {dashboard}/api/stats</c>). Amounts are utia as decimal strings.</summary>
internal sealed record ProviderStatisticsSnapshot(
    long Paid,
    long Refused,
    long Free,
    long RateLimited,
    string RevenueUtia,
    IReadOnlyList<RouteStatistics> Routes,
    IReadOnlyDictionary<string, long> RefusedByReason,
    IReadOnlyDictionary<string, long> RateLimitedByLimit,
    IReadOnlyList<DayRevenue> RevenueByDay,
    IReadOnlyList<PayerStatistics> TopPayers,
    LatencyStatistics Settle)
{
    /// <summary>The payment sessions, when the host takes them (<c>AddFontanaSessions</c>); otherwise null.</summary>
    public SessionsOverview? Sessions { get; init; }
}

/// <summary>Totals of one route (the resource path).</summary>
internal sealed record RouteStatistics(string Route, long Paid, long Refused, long Free, long RateLimited, string RevenueUtia);

/// <summary>Revenue settled on one UTC day (<c>yyyy-MM-dd</c>).</summary>
internal sealed record DayRevenue(string Day, string RevenueUtia);

/// <summary>A payer (bech32m address), its paid calls and what it paid.</summary>
internal sealed record PayerStatistics(string Payer, long Calls, string Utia);

/// <summary>Settle latency percentiles (milliseconds) over the last <see cref="Count"/> payments.</summary>
internal sealed record LatencyStatistics(int Count, double? P50Ms, double? P99Ms);
