using Fontana.Node.Diagnostics;
using Fontana.Node.Hosting;
using Fontana.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Node.Tests.Hosting;

public sealed class DaemonServiceTests
{
    [Fact]
    public async Task Run_IterationsFailThenSucceed_BacksOffRecoversAndBeats()
    {
        var metrics = TestMetrics.Create();
        var time = new TimerCountingTimeProvider();
        using var daemon = new FlakyDaemon(metrics, time, failures: 3);

        await daemon.StartAsync(CancellationToken.None);
        await RunUntilAsync(daemon.Succeeded.Task, time);
        await daemon.StopAsync(CancellationToken.None);

        daemon.Attempts.ShouldBeGreaterThanOrEqualTo(4);
        daemon.RecoveredAfter.ShouldBe(3);
        daemon.ConsecutiveFailures.ShouldBe(0);
        daemon.LastHeartbeat.ShouldNotBeNull();
        TestMetrics.Observe(metrics, "fontana_daemon_heartbeat_timestamp_seconds").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Run_FailsPastAlertThreshold_RaisesAlertUntilRecovered()
    {
        var metrics = TestMetrics.Create();
        var time = new TimerCountingTimeProvider();
        using var daemon = new FlakyDaemon(metrics, time, failures: 6);

        await daemon.StartAsync(CancellationToken.None);
        await RunUntilAsync(daemon.Succeeded.Task, time);
        await daemon.StopAsync(CancellationToken.None);

        daemon.AlertSeenAtFailure.ShouldBe([0, 0, 0, 0, 1, 1]);
        metrics.DaemonAlert("flaky").ShouldBe(0);
        TestMetrics.Observe(metrics, "fontana_daemon_alert").ShouldBe(0);
    }

    [Fact]
    public async Task Stop_WhileWaiting_EndsWithoutError()
    {
        using var daemon = new FlakyDaemon(TestMetrics.Create(), new FakeTimeProvider(), failures: 0, waitForever: true);

        await daemon.StartAsync(CancellationToken.None);
        await daemon.StopAsync(CancellationToken.None);

        daemon.ExecuteTask!.IsFaulted.ShouldBeFalse();
        daemon.ExecuteTask.IsCompleted.ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, 5, 10)]
    [InlineData(2, 10, 20)]
    [InlineData(3, 20, 40)]
    [InlineData(30, 500, 1000)]
    public void BackoffFor_ConsecutiveFailures_ExponentialCappedWithJitter(int failures, double minMs, double maxMs)
    {
        using var daemon = new FlakyDaemon(TestMetrics.Create(), new FakeTimeProvider(), failures: 0);

        for (var i = 0; i < 50; i++)
        {
            var pause = daemon.BackoffFor(failures).TotalMilliseconds;
            pause.ShouldBeInRange(minMs, maxMs);
        }
    }

    /// <summary>Each time the daemon waits on its clock (a backoff pause or the wait between iterations: a timer on the
    /// fake clock), moves the clock a full <see cref="FlakyDaemon"/> maximum backoff, until <paramref name="done"/>
    /// completes. The clock moves only when a timer is pending, so no move is lost and nothing waits in real time.</summary>
    private static async Task RunUntilAsync(Task done, TimerCountingTimeProvider time)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done.IsCompleted)
        {
            var waiting = time.WaitForTimerAsync(cancellationToken: limit.Token);
            if (await Task.WhenAny(done, waiting) == waiting)
            {
                await waiting;
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        await done;
    }

    private sealed class FlakyDaemon(NodeMetrics metrics, TimeProvider time, int failures, bool waitForever = false)
        : DaemonService("flaky", NullLogger.Instance, time, metrics)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public int RecoveredAfter { get; private set; }

        public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override TimeSpan InitialBackoff => TimeSpan.FromMilliseconds(10);

        protected override TimeSpan MaxBackoff => TimeSpan.FromMilliseconds(1000);

        protected override async ValueTask<bool> WaitForNextIterationAsync(CancellationToken cancellationToken)
        {
            // Between iterations the daemon waits 1 ms on its own clock: the test's moves of the fake clock run it.
            await Task.Delay(waitForever ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(1), Time, cancellationToken);
            return true;
        }

        protected override Task RunIterationAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new IOException("transient");
            }

            Succeeded.TrySetResult();
            return Task.CompletedTask;
        }

        protected override void OnRecovered(int previousFailures) => RecoveredAfter = previousFailures;

        public List<int> AlertSeenAtFailure { get; } = [];

        protected override void OnIterationFailed(Exception exception, int consecutiveFailures) =>
            AlertSeenAtFailure.Add(Metrics.DaemonAlert(Name));
    }
}
