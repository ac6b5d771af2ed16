using System.Diagnostics;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Ledger.Load;

/// <summary>The raw limit the load tools report next to their figures: Ed25519 verifications per second of one real payment's signature.</summary>
public static class VerifyRate
{
    /// <summary>Verifications per second on <paramref name="threads"/> threads, for about <paramref name="seconds"/> seconds.</summary>
    public static double Measure(byte[] canonicalTx, int threads, double seconds = 1)
    {
        ArgumentNullException.ThrowIfNull(canonicalTx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var tx = TransactionCodec.Decode(canonicalTx);
        var message = tx.GetSigningMessage();
        var signature = tx.Signature.ToArray();
        var counts = new long[threads];
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
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
