using Fontana.Sdk.Monitor;
using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Monitor;

/// <summary>The monitor's loops on a fake clock: each task runs once per interval, never before; a failed run is
/// counted and the next tick runs again; disposing stops them.</summary>
public sealed class MonitorLoopTests
{
    [Fact]
    public async Task Start_FakeClockAdvanced_EachTaskRunsOncePerInterval()
    {
        using var f = new MonitorFixture(StoreTarget.Sqlite);
        var proofRuns = Signal(f.Monitor.Proofs, runs: 2);
        var waitingRuns = Signal(f.Monitor.Waiting, runs: 1);
        f.Monitor.Start();

        // Nothing before the first interval.
        f.Time.Advance(f.Options.ProofCheckInterval - TimeSpan.FromSeconds(1));
        f.Monitor.Proofs.Runs.ShouldBe(0);

        f.Time.Advance(TimeSpan.FromSeconds(1));
        await WaitFor(() => f.Monitor.Proofs.Runs == 1);
        f.Time.Advance(f.Options.ProofCheckInterval);
        await proofRuns.WaitAsync(TimeSpan.FromSeconds(60));
        f.Time.Advance(f.Options.OutcomeCheckInterval);
        await waitingRuns.WaitAsync(TimeSpan.FromSeconds(60));
        f.Monitor.Proofs.Failures.ShouldBe(0);
        f.Monitor.Proofs.LastSuccess.ShouldNotBeNull();
    }

    [Fact]
    public async Task Start_PaymentPendingAfterCrash_ResolvedByTheLoopWithoutBeingAsked()
    {
        using var f = new MonitorFixture(StoreTarget.Sqlite);
        var payment = f.Pay(PaymentState.Pending);
        f.Node.Applied(payment.TxId, f.Final(payment.TxId));
        f.Monitor.Start();

        // 5 s steps cross at most one tick of each loop (10 s and 15 s): after each, wait for the runs that were due.
        for (var step = 1; step <= 40 && f.Store.GetPayment(payment.TxId)!.FinalReceipt is null; step++)
        {
            f.Time.Advance(TimeSpan.FromSeconds(5));
            var elapsed = 5 * step;
            await WaitFor(() => f.Monitor.Proofs.Runs >= elapsed / 10 && f.Monitor.Waiting.Runs >= elapsed / 15);
        }

        var stored = f.Store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Settled);
        stored.FinalReceipt.ShouldNotBeNull();
    }

    [Fact]
    public async Task IdleSync_QuietLongEnough_RefreshesOnceNotWhileBusy()
    {
        var time = new FakeTimeProvider(MonitorFixture.T0);
        var options = new WalletMonitorOptions { IdleAfter = TimeSpan.FromSeconds(60) };
        var busy = false;
        var lastActivity = time.GetUtcNow();
        var refreshes = 0;
        using var metrics = new MonitorMetrics();
        using var idle = new IdleSynchronizer(
            () => !busy, () => lastActivity, _ => { refreshes++; return Task.CompletedTask; }, options, time, metrics, NullLogger.Instance);

        time.Advance(TimeSpan.FromSeconds(59));
        (await idle.RunOnceAsync()).ShouldBe(0);

        time.Advance(TimeSpan.FromSeconds(2));
        busy = true;
        (await idle.RunOnceAsync()).ShouldBe(0);

        busy = false;
        (await idle.RunOnceAsync()).ShouldBe(1);
        (await idle.RunOnceAsync()).ShouldBe(0); // at most once per IdleAfter
        refreshes.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(30));
        lastActivity = time.GetUtcNow(); // a payment
        time.Advance(TimeSpan.FromSeconds(40));
        (await idle.RunOnceAsync()).ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(21));
        (await idle.RunOnceAsync()).ShouldBe(1);
        refreshes.ShouldBe(2);
    }

    [Fact]
    public async Task IdleSync_RefreshThrows_RunCountedFailedNextRunRetries()
    {
        var time = new FakeTimeProvider(MonitorFixture.T0);
        var options = new WalletMonitorOptions { IdleAfter = TimeSpan.FromSeconds(10) };
        var fail = true;
        using var metrics = new MonitorMetrics();
        using var idle = new IdleSynchronizer(
            () => true, () => MonitorFixture.T0, _ => fail ? throw new FontanaApiException("node-unreachable", 0, "down") : Task.CompletedTask,
            options, time, metrics, NullLogger.Instance);
        time.Advance(TimeSpan.FromSeconds(11));

        (await idle.RunOnceAsync()).ShouldBe(-1);
        idle.Failures.ShouldBe(1);
        fail = false;
        (await idle.RunOnceAsync()).ShouldBe(1);
        idle.Syncs.ShouldBe(1);
    }

    private static SemaphoreSlim Signal(MonitorTask task, int runs)
    {
        var signal = new SemaphoreSlim(0);
        task.RunCompleted += t =>
        {
            if (t.Runs == runs)
            {
                signal.Release();
            }
        };
        return signal;
    }

    private static Task WaitFor(Func<bool> condition) => Eventually.TrueAsync(condition, TimeSpan.FromSeconds(60));
}
