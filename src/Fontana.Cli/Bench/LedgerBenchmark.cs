using System.Diagnostics;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;

namespace Fontana.Cli.Bench;

/// <summary>
/// Durable apply throughput of 1-in-2-out signed payments on a fresh ledger (SQLite, synchronous=FULL, or
/// PostgreSQL), next to the raw two-thread Ed25519 verify rate measured in the same run. Transactions are signed
/// before the clock starts; latency is submit → durable receipt per transaction.
/// </summary>
internal static class LedgerBenchmark
{
    private const int Signers = 16;

    public static async Task<LedgerBenchmarkResult> RunAsync(int count, string? postgres, string workDir, int inFlight, CancellationToken ct)
    {
        var keys = Enumerable.Range(0, Signers).Select(_ => PrivateKey.Generate()).ToArray();
        try
        {
            using var sequencer = PrivateKey.Generate();
            using var bridge = PrivateKey.Generate();
            var payee = new Address(PrivateKey.Generate().PublicKey);
            var allocation = Amount.FromTia(1);
            var genesis = new GenesisDocument("fontana-bench", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), sequencer.PublicKey,
                bridge.PublicKey, new Address(sequencer.PublicKey), Amount.FromUtia(100), TimeSpan.FromSeconds(6),
                Enumerable.Range(0, count).Select(i => new GenesisAllocation(new Address(keys[i % Signers].PublicKey), allocation)).ToArray());
            var transactions = new Transaction[count];
            Parallel.For(0, count, i =>
            {
                var key = keys[i % Signers];
                transactions[i] = new TransactionBuilder(genesis.ChainId).AddInput(genesis.AllocationOutPoint(i))
                    .AddOutput(payee, Amount.FromUtia(1000)).AddOutput(new Address(key.PublicKey), allocation - Amount.FromUtia(1100))
                    .WithFee(Amount.FromUtia(100)).Sign(key);
            });

            var verifyPerSecond = MeasureVerify(transactions);
            var options = new LedgerOptions { Genesis = genesis, SequencerKey = sequencer };
            if (postgres is not null)
            {
                options.Store = LedgerStoreKind.Postgres;
                options.PostgresConnectionString = postgres;
                options.PostgresSchema = "bench_" + Guid.NewGuid().ToString("N")[..8];
            }
            else
            {
                options.SqlitePath = Path.Combine(workDir, "bench-ledger.db");
            }

            await using var ledger = await LedgerHost.OpenAsync(options, ct);
            var latencies = new double[count];
            using var gate = new SemaphoreSlim(inFlight);
            var clock = Stopwatch.StartNew();
            var tasks = new Task[count];
            for (var i = 0; i < count; i++)
            {
                await gate.WaitAsync(ct);
                var index = i;
                var started = Stopwatch.GetTimestamp();
                tasks[i] = ledger.ApplyAsync(transactions[i], ct).ContinueWith(t =>
                {
                    latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    gate.Release();
                    if (!t.Result.IsAccepted)
                    {
                        throw new InvalidOperationException($"bench transaction {index} rejected: {t.Result}");
                    }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            await Task.WhenAll(tasks);
            var seconds = clock.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            return new LedgerBenchmarkResult(count, Math.Round(seconds, 3), Math.Round(count / seconds, 1),
                Math.Round(Percentile(latencies, 0.50), 3), Math.Round(Percentile(latencies, 0.99), 3), Math.Round(verifyPerSecond, 1),
                postgres is null ? "sqlite" : "postgres");
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Raw Ed25519 verifies per second on two threads over the run's own transactions.</summary>
    private static double MeasureVerify(Transaction[] transactions)
    {
        var sample = Math.Min(transactions.Length, 20_000);
        var clock = Stopwatch.StartNew();
        var ok = 0;
        Parallel.For(0, sample, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            if (transactions[i].VerifySignature())
            {
                Interlocked.Increment(ref ok);
            }
        });
        return ok == sample ? sample / clock.Elapsed.TotalSeconds : throw new InvalidOperationException("bench signatures do not verify");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
