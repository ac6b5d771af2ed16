using System.Globalization;
using System.Text.Json;

namespace Fontana.Ledger.Load;

/// <summary>One load run, as <c>fontana bench ledger --json</c> prints it (BRIEF §6).</summary>
public sealed record LedgerLoadResult(
    long Transactions,
    double Seconds,
    double TxPerSecond,
    double P50Ms,
    double P99Ms,
    double VerifyPerSecond,
    string Store)
{
    /// <summary>Raw two-thread verify rate just before the timed section (<see cref="VerifyPerSecond"/> is the mean of before and after).</summary>
    public double VerifyPerSecondBefore { get; init; }

    /// <summary>Raw two-thread verify rate just after the timed section.</summary>
    public double VerifyPerSecondAfter { get; init; }

    /// <summary>Process CPU (all threads) during the timed section, per transaction.</summary>
    public double CpuMicrosecondsPerTx { get; init; }

    /// <summary>Process CPU per raw verification, mean of the measurements before and after the timed section.</summary>
    public double CpuMicrosecondsPerVerify { get; init; }

    /// <summary>Throughput over the same run's raw verify rate (issue 17's target: ≥ 0.5).</summary>
    public double Ratio => VerifyPerSecond > 0 ? TxPerSecond / VerifyPerSecond : 0;

    /// <summary>
    /// The same ratio in CPU terms: CPU per raw verification ÷ CPU per transaction — what <see cref="Ratio"/> would be if
    /// the timed section and the verify measurement had got the same share of the cores (on a shared machine they
    /// often do not: the one-second verify measurements swing several-fold between minutes).
    /// </summary>
    public double CpuRatio => CpuMicrosecondsPerTx > 0 ? CpuMicrosecondsPerVerify / CpuMicrosecondsPerTx : 0;

    /// <summary><c>{"transactions", "seconds", "txPerSecond", "p50Ms", "p99Ms", "verifyPerSecond", "store", "ratio",
    /// "verifyPerSecondBefore", "verifyPerSecondAfter", "cpuMicrosecondsPerTx", "cpuMicrosecondsPerVerify", "cpuRatio"}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("transactions", Transactions);
            writer.WriteNumber("seconds", Math.Round(Seconds, 3));
            writer.WriteNumber("txPerSecond", Math.Round(TxPerSecond, 1));
            writer.WriteNumber("p50Ms", Math.Round(P50Ms, 3));
            writer.WriteNumber("p99Ms", Math.Round(P99Ms, 3));
            writer.WriteNumber("verifyPerSecond", Math.Round(VerifyPerSecond, 1));
            writer.WriteString("store", Store);
            writer.WriteNumber("ratio", Math.Round(Ratio, 3));
            writer.WriteNumber("verifyPerSecondBefore", Math.Round(VerifyPerSecondBefore, 1));
            writer.WriteNumber("verifyPerSecondAfter", Math.Round(VerifyPerSecondAfter, 1));
            writer.WriteNumber("cpuMicrosecondsPerTx", Math.Round(CpuMicrosecondsPerTx, 1));
            writer.WriteNumber("cpuMicrosecondsPerVerify", Math.Round(CpuMicrosecondsPerVerify, 1));
            writer.WriteNumber("cpuRatio", Math.Round(CpuRatio, 3));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Transactions} tx in {Seconds:F2} s = {TxPerSecond:F0} tx/s (p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms) on {Store}; raw Ed25519 verify {VerifyPerSecond:F0}/s (before {VerifyPerSecondBefore:F0}, after {VerifyPerSecondAfter:F0}), ratio {Ratio:F3}, {CpuMicrosecondsPerTx:F0} µs CPU/tx against {CpuMicrosecondsPerVerify:F1} µs CPU/verify (CPU ratio {CpuRatio:F3})");
}
