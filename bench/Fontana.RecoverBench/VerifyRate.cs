using System.Diagnostics;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.RecoverBench;

/// <summary>The raw limit: libsodium Ed25519 verifications per second on N threads, for about a second.</summary>
internal static class VerifyRate
{
    public static double Measure(byte[] canonicalTx, int threads)
    {
        var tx = TransactionCodec.Decode(canonicalTx);
        var message = tx.GetSigningMessage();
        var signature = tx.Signature.ToArray();
        var counts = new long[threads];
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(1);
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
