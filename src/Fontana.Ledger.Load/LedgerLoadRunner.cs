using System.Diagnostics;
using System.Security.Cryptography;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger.Genesis;

namespace Fontana.Ledger.Load;

/// <summary>
/// The ledger load tool behind <c>fontana bench ledger</c>: funds payment chains through genesis (one allocation per
/// chain, at most 65,536), pre-signs every 1-in-2-out payment (payee + change, min fee) outside the timed section,
/// then submits canonical bytes from <see cref="LedgerLoadOptions.Concurrency"/> chains at once against a fresh,
/// durable store (sealing blocks on the chain's interval) and reports throughput, latency and the raw Ed25519 verify
/// rate measured in the same run.
/// </summary>
public static class LedgerLoadRunner
{
    private const string ChainId = "fontana-bench";
    private const ulong Funding = 1_000_000_000;
    private const ulong Payment = 1_000;
    private const ulong MinFee = 10;

    public static async Task<LedgerLoadResult> RunAsync(LedgerLoadOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Transactions);
        log ??= _ => { };
        var chains = Math.Min(GenesisDocument.MaxAllocations, Math.Max(options.Concurrency, Math.Min(options.Transactions, GenesisDocument.MaxAllocations)));
        chains = Math.Min(chains, options.Transactions);
        var depth = (options.Transactions + chains - 1) / chains;
        using var sequencer = Key("sequencer");
        using var bridge = Key("bridge");
        var owners = Enumerable.Range(0, Math.Min(chains, 256)).Select(i => Key("payer-" + i)).ToArray();
        var payee = new Address(Key("payee").PublicKey);
        try
        {
            var allocations = new GenesisAllocation[chains];
            for (var i = 0; i < chains; i++)
            {
                allocations[i] = new GenesisAllocation(new Address(owners[i % owners.Length].PublicKey), Amount.FromUtia(Funding));
            }

            var genesis = new GenesisDocument(
                ChainId,
                new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
                sequencer.PublicKey,
                bridge.PublicKey,
                new Address(Key("fees").PublicKey),
                Amount.FromUtia(MinFee),
                options.SealInterval ?? TimeSpan.FromSeconds(6),
                allocations);

            log($"signing {options.Transactions} payments on {chains} chains (depth {depth})");
            var signed = Presign(genesis, owners, payee, chains, depth, options.Transactions);
            var verifyRate = MeasureVerifyRate(signed[0][0], options.VerifyThreads);
            log($"raw Ed25519 verify on {options.VerifyThreads} threads: {verifyRate:F0}/s");

            await using var store = await LoadStore.CreateAsync(options, cancellationToken).ConfigureAwait(false);
            var ledgerOptions = store.Configure(new LedgerOptions
            {
                Genesis = genesis,
                SequencerKey = sequencer,
                BridgeAuthorityKey = bridge,
                MaxBatchSize = options.MaxBatchSize,
                VerifierCount = options.VerifierCount,
            });
            await using var ledger = await LedgerHost.OpenAsync(ledgerOptions, cancellationToken).ConfigureAwait(false);
            log($"ledger open on {ledger.StoreKind}; running");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (seconds, latencies) = await RunTimedAsync(ledger, signed, options, cancellationToken).ConfigureAwait(false);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            log($"CPU {cpu.TotalSeconds:F2} s in {seconds:F2} s: {cpu.TotalMilliseconds * 1000 / options.Transactions:F1} µs of CPU per transaction");
            var sealing = Stopwatch.StartNew();
            await ledger.SealAsync(cancellationToken).ConfigureAwait(false);
            log($"final seal (everything since the last block, nodes included) took {sealing.Elapsed.TotalSeconds:F2} s");
            log(ledger.DescribePipeline());
            var received = await ledger.GetBalanceAsync(payee, cancellationToken).ConfigureAwait(false);
            if (received.Utia != (ulong)options.Transactions * Payment)
            {
                throw new InvalidOperationException($"the payee holds {received.Utia} utia; expected {(ulong)options.Transactions * Payment}");
            }

            Array.Sort(latencies);
            return new LedgerLoadResult(
                options.Transactions,
                seconds,
                options.Transactions / seconds,
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99),
                verifyRate,
                ledger.StoreKind);
        }
        finally
        {
            foreach (var owner in owners)
            {
                owner.Dispose();
            }
        }
    }

    /// <summary>chains × depth canonical payments: payment j of chain i spends output 1 (change) of payment j−1, or allocation i.</summary>
    private static byte[][][] Presign(GenesisDocument genesis, PrivateKey[] owners, Address payee, int chains, int depth, int total)
    {
        var signed = new byte[chains][][];
        Parallel.For(0, chains, i =>
        {
            var count = (int)Math.Min(depth, Math.Max(0, total - ((long)i * depth)));
            var owner = owners[i % owners.Length];
            var self = new Address(owner.PublicKey);
            var input = genesis.AllocationOutPoint(i);
            var balance = Funding;
            var list = new byte[count][];
            for (var j = 0; j < count; j++)
            {
                balance -= Payment + MinFee;
                var tx = new TransactionBuilder(ChainId)
                    .AddInput(input)
                    .AddOutput(payee, Amount.FromUtia(Payment))
                    .AddOutput(self, Amount.FromUtia(balance))
                    .WithFee(Amount.FromUtia(MinFee))
                    .Sign(owner);
                list[j] = TransactionCodec.Encode(tx);
                input = new OutPoint(tx.TxId, 1);
            }

            signed[i] = list;
        });
        return signed;
    }

    private static async Task<(double Seconds, double[] LatenciesMs)> RunTimedAsync(
        LedgerEngine ledger, byte[][][] signed, LedgerLoadOptions options, CancellationToken cancellationToken)
    {
        var latencies = new double[options.Transactions];
        var recorded = -1;
        var nextChain = -1;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sealer = options.SealInterval is { } interval ? SealEveryAsync(ledger, interval, stop.Token) : Task.CompletedTask;
        var workers = new Task[Math.Min(options.Concurrency, signed.Length)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    int chain;
                    while ((chain = Interlocked.Increment(ref nextChain)) < signed.Length)
                    {
                        foreach (var bytes in signed[chain])
                        {
                            var started = Stopwatch.GetTimestamp();
                            var result = await ledger.ApplyAsync(bytes, cancellationToken).ConfigureAwait(false);
                            if (!result.IsAccepted)
                            {
                                throw new InvalidOperationException($"payment rejected: {result}");
                            }

                            latencies[Interlocked.Increment(ref recorded)] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        }
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await sealer.ConfigureAwait(false);
        return (seconds, latencies);
    }

    private static async Task SealEveryAsync(LedgerEngine ledger, TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await ledger.SealAsync(stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Raw Ed25519 verifications per second on <paramref name="threads"/> threads for about a second.</summary>
    private static double MeasureVerifyRate(byte[] canonicalTx, int threads)
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

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static PrivateKey Key(string name) => PrivateKey.FromSeed(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("fontana-bench/" + name)));
}
