using System.Diagnostics;

namespace Fontana.Core.Diagnostics;

/// <summary>
/// Named steps of a money path where a SIGKILL crash test stops the process: an environment variable names the one
/// armed point, never set outside those tests. Reaching the armed point writes one line on stderr and kills this process
/// with SIGKILL — no shutdown, no flush, no finally blocks, as a power cut would — so the test can restart on the same
/// data and check that nothing was done twice or lost. Each component keeps its own variable and list of points
/// (<c>FONTANA_BRIDGE_CRASH_AT</c>, <c>FONTANA_SESSION_CRASH_AT</c>, <c>FONTANA_SESSION_END_CRASH_AT</c>).
/// </summary>
public static class CrashPoint
{
    /// <summary>The point <paramref name="variable"/> arms, or null when it is unset; throws
    /// <see cref="InvalidOperationException"/> when it names none of <paramref name="known"/>, so a test's typo cannot
    /// pass unnoticed.</summary>
    public static string? Armed(string variable, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var armed = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(armed))
        {
            return null;
        }

        return known.Contains(armed)
            ? armed
            : throw new InvalidOperationException($"{variable}={armed} names no crash point here; known: {string.Join(", ", known)}");
    }

    /// <summary>Stops the process at <paramref name="point"/> when <paramref name="variable"/> arms it (see
    /// <see cref="Armed"/>); otherwise returns at once.</summary>
    public static void Reach(string variable, IReadOnlyCollection<string> known, string point)
    {
        if (Armed(variable, known) == point)
        {
            KillThisProcess(variable, point);
        }
    }

    /// <summary>Writes one line naming the point on stderr and kills this process with SIGKILL; never returns.</summary>
    public static void KillThisProcess(string variable, string point)
    {
        Console.Error.WriteLine($"{variable}: killing this process (SIGKILL) at {point}");
        Console.Error.Flush();
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL on Unix: nothing after this line runs
        Thread.Sleep(Timeout.Infinite);
    }
}
