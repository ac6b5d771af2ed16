namespace Fontana.Testing;

/// <summary>Bounded waits for a condition that real processes, nodes or the ledger's real clock make true (where no
/// signal can be awaited): polls, and fails the test with what was awaited when the bound passes.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until true; fails the test after <paramref name="timeout"/> (default 10 s).</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because, TimeSpan.FromMilliseconds(20));

    /// <summary>Polls the asynchronous <paramref name="condition"/> every <paramref name="interval"/> (default 200 ms)
    /// until true; fails the test after <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var start = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!await condition().ConfigureAwait(false))
        {
            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                throw new TimeoutException($"condition not met within {limit.TotalSeconds} s{(because is null ? string.Empty : ": " + because)}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }
}
