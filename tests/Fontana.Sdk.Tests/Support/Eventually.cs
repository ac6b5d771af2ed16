namespace Fontana.Sdk.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until true; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(deadline) > limit)
            {
                throw new Xunit.Sdk.XunitException($"condition not met within {limit.TotalSeconds} s{(because is null ? string.Empty : ": " + because)}");
            }

            await Task.Delay(20);
        }
    }
}
