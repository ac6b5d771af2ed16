using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fontana.Sdk.Store;

/// <summary>
/// The wallet store's instruments on the meter <c>Fontana.Sdk.Store</c>, to see where processes sharing a store wait:
/// <c>fontana.sdk.store.lock_wait</c> (ms an operation waited for the store's one connection in this process),
/// <c>fontana.sdk.store.duration</c> (ms it then ran on the database, waits for another process's lock included) — both
/// tagged <c>operation</c> (the store method) and <c>engine</c> — and <c>fontana.sdk.store.busy_retries</c> (SQLite: times
/// a statement found the database locked by another connection and retried). <c>fontana bench calls --processes N</c>
/// reports them per operation.
/// </summary>
internal static class StoreMetrics
{
    public const string MeterName = "Fontana.Sdk.Store";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> LockWait = Meter.CreateHistogram<double>(
        "fontana.sdk.store.lock_wait", "ms", "Time a store operation waited for the store's connection in this process");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "fontana.sdk.store.duration", "ms", "Time a store operation ran on the database, waits for another process's lock included");

    public static readonly Counter<long> BusyRetries = Meter.CreateCounter<long>(
        "fontana.sdk.store.busy_retries", "{retry}", "Times a SQLite statement found the database locked by another connection and retried");

    public static void Record(string operation, string engine, long requested, long started, long ended)
    {
        if (!LockWait.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "operation", operation }, { "engine", engine } };
        LockWait.Record(Stopwatch.GetElapsedTime(requested, started).TotalMilliseconds, tags);
        Duration.Record(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds, tags);
    }
}
