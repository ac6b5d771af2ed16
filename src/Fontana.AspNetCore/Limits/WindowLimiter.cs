using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Fontana.AspNetCore.Limits;

/// <summary>
/// A fixed number of permits per client per window, on <see cref="FixedWindowRateLimiter"/>s (one per client key)
/// whose windows are driven by the injected <see cref="TimeProvider"/> rather than the limiter's own timer
/// (<c>AutoReplenishment = false</c>, replenished when the clock enters a new window), so window rollover is exact
/// and testable. Windows are aligned to multiples of <see cref="Window"/> since the Unix epoch. Idle clients are
/// forgotten after two windows.
/// </summary>
internal sealed class WindowLimiter
{
    private const int SweepAbove = 100_000;
    private readonly ConcurrentDictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public WindowLimiter(int permits, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permits);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        Permits = permits;
        Window = window;
        _time = time;
    }

    /// <summary>Permits per client per window.</summary>
    public int Permits { get; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; }

    /// <summary>Takes one permit for <paramref name="client"/>; when none is left, says when the next window opens.</summary>
    public WindowDecision TryAcquire(string client)
    {
        var now = _time.GetUtcNow();
        var index = now.UtcTicks / Window.Ticks;
        if (_partitions.Count > SweepAbove)
        {
            Sweep(index);
        }

        var partition = _partitions.GetOrAdd(client, static (_, permits) => new Partition(permits), Permits);
        partition.EnterWindow(index);
        using var lease = partition.Limiter.AttemptAcquire(1);
        var nextWindow = new DateTimeOffset((index + 1) * Window.Ticks, TimeSpan.Zero);
        return new WindowDecision(lease.IsAcquired, nextWindow, nextWindow - now);
    }

    private void Sweep(long index)
    {
        foreach (var (key, partition) in _partitions)
        {
            if (partition.WindowIndex < index - 1)
            {
                _partitions.TryRemove(key, out _);
            }
        }
    }

    private sealed class Partition(int permits)
    {
        private readonly Lock _lock = new();

        public FixedWindowRateLimiter Limiter { get; } = new(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            // AutoReplenishment is off: EnterWindow replenishes when the TimeProvider enters a new window. TryReplenish
            // still refuses while less than Window has passed on the limiter's own clock, so Window is one tick.
            Window = TimeSpan.FromTicks(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        });

        public long WindowIndex { get; private set; } = long.MinValue;

        public void EnterWindow(long index)
        {
            if (WindowIndex == index)
            {
                return;
            }

            lock (_lock)
            {
                if (WindowIndex != index)
                {
                    // With AutoReplenishment off, TryReplenish refills the window at once.
                    Limiter.TryReplenish();
                    WindowIndex = index;
                }
            }
        }
    }
}

/// <summary>A <see cref="WindowLimiter"/>'s answer: granted or not, and when the next window opens.</summary>
internal readonly record struct WindowDecision(bool Granted, DateTimeOffset NextWindowAt, TimeSpan RetryAfter);
