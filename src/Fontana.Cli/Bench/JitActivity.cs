using System.Runtime;

namespace Fontana.Cli.Bench;

/// <summary>
/// Methods the JIT compiled in this process and the time it spent compiling them (<see cref="JitInfo"/>, all threads):
/// read before and after a measured phase, it shows whether tiered compilation was still at work while the phase was
/// timed — a long-running provider or node has long finished it, a fresh benchmark process has not.
/// </summary>
internal readonly record struct JitActivity(long Compilations, double Milliseconds)
{
    public static JitActivity Now() => new(JitInfo.GetCompiledMethodCount(currentThread: false), JitInfo.GetCompilationTime(currentThread: false).TotalMilliseconds);

    public static JitActivity operator -(JitActivity after, JitActivity before) =>
        new(after.Compilations - before.Compilations, Math.Round(after.Milliseconds - before.Milliseconds, 1));
}
