using System.Diagnostics;

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

    public static async Task<LedgerLoadResult> RunAsync(LedgerLoadOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Transactions);
        log ??= _ => { };
        log($"signing {options.Transactions} payments");
        using var chains = PaymentChains.Create(ChainId, options.Transactions, options.Concurrency, spreadOverMaxChains: true, options.SealInterval ?? TimeSpan.FromSeconds(6));
        log($"signed {chains.Transactions} payments on {chains.Chains} chains (depth {chains.Depth})");
        var signed = chains.Signed;
        var (verifyBefore, verifyCpuBefore) = VerifyRate.MeasureWithCpu(signed[0][0], options.VerifyThreads);
        log($"raw Ed25519 verify on {options.VerifyThreads} threads: {verifyBefore:F0}/s, {verifyCpuBefore:F1} µs of CPU each");

        await using var store = await LoadStore.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        var ledgerOptions = store.Configure(new LedgerOptions
        {
            Genesis = chains.Genesis,
            SequencerKey = chains.Sequencer,
            BridgeAuthorityKey = chains.BridgeAuthority,
            MaxBatchSize = options.MaxBatchSize,
            VerifierCount = options.VerifierCount,
        });
        await using var ledger = await LedgerHost.OpenAsync(ledgerOptions, cancellationToken).ConfigureAwait(false);
        log($"ledger open on {ledger.StoreKind}; running");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (seconds, latencies) = await RunTimedAsync(ledger, signed, options, cancellationToken).ConfigureAwait(false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var (verifyAfter, verifyCpuAfter) = VerifyRate.MeasureWithCpu(signed[0][0], options.VerifyThreads);
        log($"CPU {cpu.TotalSeconds:F2} s in {seconds:F2} s: {cpu.TotalMilliseconds * 1000 / options.Transactions:F1} µs of CPU per transaction; raw verify after the run {verifyAfter:F0}/s");
        var sealing = Stopwatch.StartNew();
        await ledger.SealAsync(cancellationToken).ConfigureAwait(false);
        log($"final seal (everything since the last block, nodes included) took {sealing.Elapsed.TotalSeconds:F2} s");
        log(ledger.DescribePipeline());
        var received = await ledger.GetBalanceAsync(chains.Payee, cancellationToken).ConfigureAwait(false);
        if (received.Utia != (ulong)options.Transactions * PaymentChains.Payment)
        {
            throw new InvalidOperationException($"the payee holds {received.Utia} utia; expected {(ulong)options.Transactions * PaymentChains.Payment}");
        }

        Array.Sort(latencies);
        return new LedgerLoadResult(
            options.Transactions,
            seconds,
            options.Transactions / seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            (verifyBefore + verifyAfter) / 2,
            ledger.StoreKind)
        {
            VerifyPerSecondBefore = verifyBefore,
            VerifyPerSecondAfter = verifyAfter,
            CpuMicrosecondsPerTx = cpu.TotalMilliseconds * 1000 / options.Transactions,
            CpuMicrosecondsPerVerify = (verifyCpuBefore + verifyCpuAfter) / 2,
        };
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

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
