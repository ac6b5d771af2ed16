using System.Diagnostics;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Ledger.Load;

/// <summary>The raw limit the load tools report next to their figures: Ed25519 verifications per second of one real payment's signature.</summary>
public static class VerifyRate
{
    /// <summary>Verifications per second on <paramref name="threads"/> threads, for about <paramref name="seconds"/> seconds.</summary>
    public static double Measure(byte[] canonicalTx, int threads, double seconds = 1) => MeasureWithCpu(canonicalTx, threads, seconds).PerSecond;

    /// <summary>
    /// Verifications per second on <paramref name="threads"/> threads, and the process CPU each one took. On a machine
    /// shared with other jobs the rate says how many cores the process got in that second; the CPU per verification does
    /// not depend on that, so "CPU per verification ÷ CPU per transaction" is the ratio a run would reach with the same
    /// cores for both (the process's other threads are idle while this runs; their CPU, if any, is counted too).
    /// </summary>
    public static VerifyMeasurement MeasureWithCpu(byte[] canonicalTx, int threads, double seconds = 1)
    {
        ArgumentNullException.ThrowIfNull(canonicalTx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var tx = TransactionCodec.Decode(canonicalTx);
        var message = tx.GetSigningMessage();
        var signature = tx.Signature.ToArray();
        var counts = new long[threads];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            long n = 0;
            while (clock.Elapsed < deadline)
            {
                for (var k = 0; k < 64; k++)
                {
                    if (!Ed25519.Verify(tx.Signer, message, signature))
                    {
                        throw new InvalidOperationException("the benchmark signature does not verify");
                    }
                }

                n += 64;
            }

            counts[t] = n;
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var total = counts.Sum();
        return new VerifyMeasurement(total / elapsed, total > 0 ? cpu.TotalMilliseconds * 1000 / total : 0);
    }
}

/// <summary>One raw-verify measurement: verifications per second, and process CPU microseconds per verification.</summary>
public readonly record struct VerifyMeasurement(double PerSecond, double CpuMicrosecondsPerVerify);
