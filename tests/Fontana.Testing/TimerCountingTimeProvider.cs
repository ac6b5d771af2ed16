using Microsoft.Extensions.Time.Testing;

namespace Fontana.Testing;

/// <summary>
/// <see cref="FakeTimeProvider"/> (starting 2025-01-01, moved only by <see cref="FakeTimeProvider.Advance"/>) that also
/// counts the one-shot timers code has scheduled and not yet seen fire, so a test can wait until the code under test
/// is waiting on the clock (a retry delay) before it moves time: moving it earlier would leave that delay unfired.
/// </summary>
public sealed class TimerCountingTimeProvider() : FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private int _created;
    private int _fired;
    private volatile TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Timers created and not yet fired (Polly's retry delays are one-shot and are not cancelled in these tests).</summary>
    public int PendingTimers => Volatile.Read(ref _created) - Volatile.Read(ref _fired);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        _scheduled.TrySetResult();
        return base.CreateTimer(
            s =>
            {
                Interlocked.Increment(ref _fired);
                callback(s);
            },
            state, dueTime, period);
    }

    /// <summary>Completes once some code has scheduled a timer that has not fired yet (signalled by
    /// <see cref="CreateTimer"/>; no polling); <see cref="TimeoutException"/> after <paramref name="limit"/> (default 20 s).</summary>
    public async Task WaitForTimerAsync(TimeSpan? limit = null, CancellationToken cancellationToken = default)
    {
        while (PendingTimers <= 0)
        {
            var scheduled = _scheduled;
            if (PendingTimers > 0)
            {
                break;
            }

            try
            {
                await scheduled.Task.WaitAsync(limit ?? TimeSpan.FromSeconds(20), cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException("no timer was scheduled on the fake clock");
            }

            // Seen: the next wait needs a timer created after this one.
            Interlocked.CompareExchange(ref _scheduled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), scheduled);
        }
    }
}
