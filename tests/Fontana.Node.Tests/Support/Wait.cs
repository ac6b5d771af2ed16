namespace Fontana.Node.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (integration tests of timers and daemons).</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"timed out waiting for {what ?? "the condition"}");
            }

            await Task.Delay(20);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"timed out waiting for {what ?? "the condition"}");
            }

            await Task.Delay(20);
        }
    }
}
