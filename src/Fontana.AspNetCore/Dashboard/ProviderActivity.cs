using Fontana.Core;

namespace Fontana.AspNetCore.Dashboard;

/// <summary>
/// What the provider's payment path reports: each outcome goes to the metrics and to the dashboard's statistics.
/// The gate calls it once per decision; nothing here can fail a call.
/// </summary>
internal sealed class ProviderActivity(ProviderMetrics metrics, ProviderStatistics statistics, TimeProvider time)
{
    /// <summary>A payment settled and the handler may run.</summary>
    public void Paid(string route, Address payer, Amount amount, TimeSpan settle)
    {
        metrics.Paid(route, amount.Utia, settle);
        statistics.Paid(route, payer.ToString(), amount.Utia, settle, time.GetUtcNow());
    }

    /// <summary>A payment was refused (402, or 503 when settlement was unavailable) with an x402 reason.</summary>
    public void Refused(string route, string reason)
    {
        metrics.Refused(reason);
        statistics.Refused(route, reason);
    }

    /// <summary>A call was served free under a free tier.</summary>
    public void Free(string route)
    {
        metrics.Free(route);
        statistics.Free(route);
    }

    /// <summary>A call was answered 429 by a rate limit (<c>payer</c>, <c>client</c> or <c>refusals</c>).</summary>
    public void RateLimited(string route, string limit)
    {
        metrics.RateLimited(limit);
        statistics.RateLimited(route, limit);
    }
}
