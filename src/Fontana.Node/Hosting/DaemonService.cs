using Fontana.Node.Diagnostics;

namespace Fontana.Node.Hosting;

/// <summary>
/// The one base of the node's background services (STYLE.md §6): a loop of wait → iterate that owns
/// cancellation, logging, retry with exponential backoff and jitter after a failed iteration, and a heartbeat
/// metric per successful iteration. Subclasses say what to wait for and what one iteration does; an
/// exception from an iteration never stops the host.
/// </summary>
public abstract class DaemonService : BackgroundService
{
    private int _consecutiveFailures;
    private long _lastHeartbeatTicks = -1;

    /// <summary>A daemon named <paramref name="name"/> (in logs and metrics) that waits on <paramref name="timeProvider"/> and reports to <paramref name="metrics"/>.</summary>
    protected DaemonService(string name, ILogger logger, TimeProvider timeProvider, NodeMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
    }

    /// <summary>The daemon's name in logs and metrics (e.g. <c>block-producer</c>).</summary>
    public string Name { get; }

    /// <summary>Failed iterations since the last successful one.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>Time of the last successful iteration, or null before the first.</summary>
    public DateTimeOffset? LastHeartbeat
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastHeartbeatTicks);
            return ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The daemon's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>The clock every wait and backoff of the daemon uses (a fake one in tests).</summary>
    protected TimeProvider Time { get; }

    /// <summary>Where heartbeats, failures and alerts are reported.</summary>
    protected NodeMetrics Metrics { get; }

    /// <summary>First pause after a failed iteration; doubles per consecutive failure up to <see cref="MaxBackoff"/>.</summary>
    protected virtual TimeSpan InitialBackoff => TimeSpan.FromMilliseconds(200);

    /// <summary>Longest pause after failed iterations.</summary>
    protected virtual TimeSpan MaxBackoff => TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed iterations after which the daemon's alert is raised (a critical log and
    /// <c>fontana_daemon_alert{daemon=…} 1</c>); cleared by the next successful iteration.</summary>
    /// <value>Default 5.</value>
    protected virtual int AlertAfterFailures => 5;

    /// <summary>Waits until the next iteration is due. Returns false to stop the daemon.</summary>
    protected abstract ValueTask<bool> WaitForNextIterationAsync(CancellationToken cancellationToken);

    /// <summary>One unit of work. Throwing counts a failure and backs off before the next wait.</summary>
    protected abstract Task RunIterationAsync(CancellationToken cancellationToken);

    /// <summary>Called after each failed iteration (after logging), before the backoff pause.</summary>
    protected virtual void OnIterationFailed(Exception exception, int consecutiveFailures)
    {
    }

    /// <summary>Called after a successful iteration that ended a run of failures.</summary>
    protected virtual void OnRecovered(int previousFailures)
    {
    }

    /// <summary>The pause after <paramref name="consecutiveFailures"/> failures: exponential, capped, with jitter
    /// in [50 %, 100 %] so restarted nodes do not retry in lockstep.</summary>
    internal TimeSpan BackoffFor(int consecutiveFailures)
    {
        var exponent = Math.Min(consecutiveFailures - 1, 30);
        var ms = Math.Min(InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent), MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>Runs the wait → iterate loop until the host stops: a failed iteration is logged, counted and retried after the backoff; it never ends the loop.</summary>
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Logger.LogInformation("{Daemon} started", Name);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!await WaitForNextIterationAsync(stoppingToken))
                {
                    break;
                }

                await RunGuardedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }

        Logger.LogInformation("{Daemon} stopped", Name);
    }

    private async Task RunGuardedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunIterationAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a daemon must survive any failure of one iteration
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var failures = Interlocked.Increment(ref _consecutiveFailures);
            Metrics.DaemonFailed(Name);
            var pause = BackoffFor(failures);
            Logger.LogWarning(ex, "{Daemon} iteration failed ({Failures} in a row); retrying in {Pause}", Name, failures, pause);
            if (failures == AlertAfterFailures)
            {
                Metrics.SetDaemonAlert(Name, raised: true);
                Logger.LogCritical(ex, "{Daemon} ALERT: {Failures} consecutive failed iterations; still retrying", Name, failures);
            }

            OnIterationFailed(ex, failures);
            await Task.Delay(pause, Time, stoppingToken);
            return;
        }

        var previous = Interlocked.Exchange(ref _consecutiveFailures, 0);
        var now = Time.GetUtcNow();
        Interlocked.Exchange(ref _lastHeartbeatTicks, now.UtcTicks);
        Metrics.Heartbeat(Name, now);
        if (previous > 0)
        {
            Logger.LogInformation("{Daemon} recovered after {Failures} failed iterations", Name, previous);
            Metrics.SetDaemonAlert(Name, raised: false);
            OnRecovered(previous);
        }
    }
}
