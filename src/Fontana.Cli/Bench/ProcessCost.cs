using System.Diagnostics;

namespace Fontana.Cli.Bench;

/// <summary>
/// CPU time (user + system, all threads) and managed allocations of this process, and garbage collections: read before
/// and after a phase, divided by its calls. On a shared machine the CPU spent per call is steadier than calls per second
/// (which follow the share of the cores the process gets); client, provider and node all count, as all run here.
/// Allocations are read precisely (<see cref="GC.GetTotalAllocatedBytes(bool)"/> with <c>precise: true</c>): the
/// imprecise reading reported 0 bytes per call for whole phases in one <c>bench all</c> run after the 200k ledger and
/// recovery phases (2026-12-03 11:45, not reproduced in smaller runs).
/// </summary>
internal readonly record struct ProcessCost(
    double CpuMicroseconds, double AllocatedBytes, double Gen0Collections, double Gen1Collections, double Gen2Collections)
{
    public static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(
            process.TotalProcessorTime.TotalMicroseconds, GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    public static ProcessCost operator -(ProcessCost after, ProcessCost before) => new(
        after.CpuMicroseconds - before.CpuMicroseconds, after.AllocatedBytes - before.AllocatedBytes,
        after.Gen0Collections - before.Gen0Collections, after.Gen1Collections - before.Gen1Collections,
        after.Gen2Collections - before.Gen2Collections);

    /// <summary>CPU µs and bytes per call; collections per 1,000 calls.</summary>
    public ProcessCost PerCall(int calls) => calls <= 0 ? default : new(
        Math.Round(CpuMicroseconds / calls, 1), Math.Round(AllocatedBytes / calls),
        Math.Round(Gen0Collections * 1000 / calls, 2), Math.Round(Gen1Collections * 1000 / calls, 2),
        Math.Round(Gen2Collections * 1000 / calls, 2));
}
