using System.Runtime.InteropServices;

namespace Fontana.Testing;

/// <summary>POSIX signals to child processes (what Ctrl-C in a terminal sends).</summary>
public static partial class Signals
{
    private const int SigInt = 2;

    /// <summary>Sends SIGINT to <paramref name="processId"/>, as Ctrl-C does.</summary>
    public static void Interrupt(int processId)
    {
        if (Kill(processId, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
