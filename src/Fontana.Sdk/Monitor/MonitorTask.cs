using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Monitor;

/// <summary>
/// The one base of the wallet monitor's background tasks (STYLE.md §6): a <see cref="PeriodicTimer"/> on the injected
/// <see cref="TimeProvider"/> (so tests drive it with a fake clock), one run at a time, a failed run logged and counted
/// and retried at the next tick (the interval is the backoff), runs and handled items counted per task in
/// <see cref="MonitorMetrics"/>, and the time of the last successful run as a heartbeat.
/// </summary>
internal abstract class MonitorTask : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private PeriodicTimer? _timer;
    private long _runs;
    private long _failures;
    private int _disposed;

    protected MonitorTask(string name, TimeSpan interval, TimeProvider time, MonitorMetrics metrics, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "a monitor task's interval must be positive");
        }

        Name = name;
        Interval = interval;
        Time = time;
        Metrics = metrics;
        Logger = logger;
    }

    /// <summary>The task's name in logs and metrics (<c>check-for-proofs</c>, <c>send-waiting</c>, <c>sync-when-idle</c>).</summary>
    public string Name { get; }

    public TimeSpan Interval { get; }

    /// <summary>Runs finished (successful or not).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Runs that threw.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>End of the last successful run, or null before the first.</summary>
    public DateTimeOffset? LastSuccess { get; private set; }

    /// <summary>Raised after every run (tests wait on it instead of sleeping).</summary>
    public event Action<MonitorTask>? RunCompleted;

    protected TimeProvider Time { get; }

    protected MonitorMetrics Metrics { get; }

    protected ILogger Logger { get; }

    /// <summary>Starts the periodic loop (first run one <see cref="Interval"/> from now). Safe to call more than once.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.CompareExchange(ref _loop, Task.CompletedTask, null) is null)
        {
            // Created here, not in the loop: the first tick is one interval from this call.
            _timer = new PeriodicTimer(Interval, Time);
            _loop = Task.Run(() => LoopAsync(_timer));
        }
    }

    /// <summary>One run now (waits for a run in progress to end first). Returns the number of items handled; a
    /// failure is logged, counted and returned as -1, never thrown.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var handled = await RunCoreAsync(cancellationToken).ConfigureAwait(false);
            LastSuccess = Time.GetUtcNow();
            Metrics.Run(Name, "ok");
            return handled;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a monitor task must survive any failure of one run
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            Metrics.Run(Name, "failed");
            MonitorLog.RunFailed(Logger, Name, ex);
            return -1;
        }
        finally
        {
            Interlocked.Increment(ref _runs);
            _oneAtATime.Release();
            RunCompleted?.Invoke(this);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation.
        }

        _stop.Dispose();
    }

    /// <summary>One unit of work; returns how many items it handled. Throwing counts a failed run.</summary>
    protected abstract Task<int> RunCoreAsync(CancellationToken cancellationToken);

    private async Task LoopAsync(PeriodicTimer timer)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await RunOnceAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
