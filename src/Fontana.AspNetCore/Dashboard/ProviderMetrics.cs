using System.Diagnostics.Metrics;

namespace Fontana.AspNetCore.Dashboard;

/// <summary>
/// The provider's instruments, in the <c>Fontana.AspNetCore</c> meter (exported at <c>/metrics</c> by a host that
/// registers Fontana telemetry): paid, refused (by reason), free and rate-limited calls, revenue, settle latency.
/// </summary>
internal sealed class ProviderMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Fontana.AspNetCore";

    private static readonly double[] SettleSecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Counter<long> _paid;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _free;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _revenue;
    private readonly Histogram<double> _settleSeconds;

    public ProviderMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _paid = meter.CreateCounter<long>("fontana_provider_paid_calls_total", description: "Calls paid and served, by route (retries of a settled payment excluded).");
        _refused = meter.CreateCounter<long>("fontana_provider_refused_calls_total", description: "Calls refused a payment, by x402 reason.");
        _free = meter.CreateCounter<long>("fontana_provider_free_calls_total", description: "Calls served free (free tier), by route.");
        _rateLimited = meter.CreateCounter<long>("fontana_provider_rate_limited_calls_total", description: "Calls answered 429, by limit (payer | refusals).");
        _revenue = meter.CreateCounter<long>("fontana_provider_revenue_utia_total", description: "Revenue settled, in utia, by route.");
        _settleSeconds = meter.CreateHistogram<double>("fontana_provider_settle_seconds", unit: "s", description: "Latency of settling one payment.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SettleSecondsBuckets });
    }

    public void Paid(string route, ulong utia, TimeSpan settle)
    {
        var tag = new KeyValuePair<string, object?>("route", route);
        _paid.Add(1, tag);
        _revenue.Add(checked((long)utia), tag);
        _settleSeconds.Record(settle.TotalSeconds);
    }

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Free(string route) => _free.Add(1, new KeyValuePair<string, object?>("route", route));

    public void RateLimited(string limit) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
