using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fontana.AspNetCore.Tests.Telemetry;

/// <summary>Records every stopped span of Fontana's, ASP.NET Core's and HttpClient's activity sources while alive
/// (what OpenTelemetry's tracer provider would export), so a test can walk one trace's parent links.</summary>
internal sealed class ActivityCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Fontana.", StringComparison.Ordinal)
                || source.Name is "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped spans of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    /// <summary>Waits (bounded) until the trace holds a span that matches: server spans stop just after the
    /// response has been written, so a client can see its answer first.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(ActivityTraceId traceId, Func<IReadOnlyList<Activity>, bool> complete)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var trace = Trace(traceId);
            if (complete(trace) || timeout.IsCancellationRequested)
            {
                return trace;
            }

            await Task.Delay(20);
        }
    }

    public void Dispose() => _listener.Dispose();
}
