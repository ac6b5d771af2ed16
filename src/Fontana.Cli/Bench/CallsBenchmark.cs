using Fontana.AspNetCore;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk;
using Fontana.Sdk.Payments;

namespace Fontana.Cli.Bench;

/// <summary>
/// <c>fontana bench calls</c>: the same handler called unpaid (<c>/bench/free</c>) and paid (<c>/bench/paid</c>) over
/// loopback, on one server in one run, with <c>concurrency</c> workers; paid calls go through the SDK's
/// <see cref="PaymentHandler"/> from one wallet that starts with a single large output (so just-in-time splits are
/// part of what is measured).
/// </summary>
internal static class CallsBenchmark
{
    public static async Task<CallsBenchmarkResult> RunAsync(
        int calls, int concurrency, SettlementMode settlement, string workDir, CancellationToken cancellationToken, bool sessions = false, Amount macCredit = default,
        bool prefetch = true, Fontana.Ledger.Storage.SqliteSynchronousMode ledgerSync = Fontana.Ledger.Storage.SqliteSynchronousMode.Full,
        int? warmupCalls = null)
    {
        using var wallet = PrivateKey.Generate();
        var warmup = warmupCalls ?? DefaultWarmup(calls, concurrency);
        var perCall = CallsBenchmarkHost.Price + CallsBenchmarkHost.MinFee;
        var funds = Amount.FromTia(10) + (perCall * (ulong)(calls + warmup) * 2);
        if (sessions && settlement == SettlementMode.Remote)
        {
            throw new ArgumentException("the session scheme is measured with in-process settlement", nameof(settlement));
        }

        await using var host = await CallsBenchmarkHost.StartAsync(workDir, new Address(wallet.PublicKey), funds, settlement, cancellationToken, sessions, macCredit, ledgerSync);
        if (sessions)
        {
            return await RunSessionsAsync(host, wallet, calls, warmup, concurrency, macCredit, cancellationToken);
        }

        using var payer = new FontanaPayer(new FontanaPayerOptions
        {
            NodeUrl = host.NodeAddress,
            SigningKey = wallet,
            UseStream = false,
            RefreshInterval = TimeSpan.Zero,
            LockTimeout = TimeSpan.FromMinutes(2),
            PrefetchChallenges = prefetch,
        });
        using var unpaid = new HttpClient(NewSocketsHandler());
        using var paid = new HttpClient(new PaymentHandler(payer) { InnerHandler = NewSocketsHandler() });
        var free = new Uri(host.ProviderAddress, "bench/free");
        var priced = new Uri(host.ProviderAddress, "bench/paid");

        await payer.InitializeAsync(cancellationToken);
        await RunPhaseAsync(unpaid, free, warmup, concurrency, cancellationToken);
        var warm = await RunPhaseAsync(paid, priced, warmup, concurrency, cancellationToken);
        if (warm.Failures == warmup)
        {
            throw new InvalidOperationException("every paid warm-up call failed: " + warm.FirstFailure);
        }
        var splitsBefore = payer.SplitCount;
        var prefetchedBefore = payer.PrefetchedPayments;
        var (waitBefore, waitedBefore) = payer.LockWait;

        var unpaidRun = await RunPhaseAsync(unpaid, free, calls, concurrency, cancellationToken);
        var paidRun = await RunPhaseAsync(paid, priced, calls, concurrency, cancellationToken);

        var prefetched = payer.PrefetchedPayments - prefetchedBefore;
        var (waitAfter, waitedAfter) = payer.LockWait;
        var waited = waitedAfter - waitedBefore;
        var waitTotal = (waitAfter - waitBefore).TotalMilliseconds;
        return new CallsBenchmarkResult(
            calls,
            concurrency,
            settlement == SettlementMode.Remote ? "remote" : "inprocess",
            "exact",
            0,
            Round(calls / paidRun.Seconds),
            Round(calls / unpaidRun.Seconds),
            Round(Percentile(paidRun.LatenciesMs, 0.50)),
            Round(Percentile(paidRun.LatenciesMs, 0.99)),
            Round(Percentile(unpaidRun.LatenciesMs, 0.50)),
            Round(Percentile(unpaidRun.LatenciesMs, 0.99)),
            paidRun.Failures + unpaidRun.Failures,
            host.DoubleSpends,
            payer.SplitCount - splitsBefore,
            waited,
            Round(waitTotal),
            Round(waitTotal / calls),
            Round(payer.MeanPaymentOverhead.TotalMicroseconds),
            paidRun.FirstFailure ?? unpaidRun.FirstFailure)
        {
            PaidCost = paidRun.PerCall,
            UnpaidCost = unpaidRun.PerCall,
            PaidJit = paidRun.Jit,
            PrefetchedCalls = prefetched,
            LedgerSync = ledgerSync.ToString().ToLowerInvariant(),
            WarmupCalls = warmup,
        };
    }

    /// <summary>Untimed calls of each kind before the measured phases unless <c>--warmup</c> says: a tenth of the calls,
    /// at least min(concurrency, 50), at most 500. Short of what the JIT needs to finish tiering up this process's code
    /// (tens of seconds at 1 in flight), so a default run includes JIT work a long-lived server no longer does.</summary>
    public static int DefaultWarmup(int calls, int concurrency) => Math.Clamp(calls / 10, Math.Min(concurrency, 50), 500);

    /// <summary>The session scheme: one session opened up front (one ledger transaction), then one voucher per call,
    /// each signed (<paramref name="macCredit"/> 0) or MAC-authenticated with a signed one within the credit.</summary>
    private static async Task<CallsBenchmarkResult> RunSessionsAsync(
        CallsBenchmarkHost host, PrivateKey wallet, int calls, int warmup, int concurrency, Amount macCredit, CancellationToken cancellationToken)
    {
        using var node = new FontanaClient(host.NodeAddress);
        var opener = new Fontana.Sdk.Sessions.SessionOpener(node, wallet);
        var deposit = CallsBenchmarkHost.Price * (ulong)((2 * calls) + (2 * warmup) + 10);
        using var session = await opener.OpenAsync(CallsBenchmarkHost.ProviderKey.PublicKey, deposit, TimeSpan.FromHours(1), cancellationToken);
        session.MacCredit = macCredit;
        using var unpaid = new HttpClient(NewSocketsHandler());
        using var paid = new HttpClient(new Fontana.Sdk.Sessions.SessionPaymentHandler(session, CallsBenchmarkHost.Price) { InnerHandler = NewSocketsHandler() });
        var free = new Uri(host.ProviderAddress, "bench/free");
        var priced = new Uri(host.ProviderAddress, "bench/paid");
        await RunPhaseAsync(unpaid, free, warmup, concurrency, cancellationToken);
        var warm = await RunPhaseAsync(paid, priced, warmup, concurrency, cancellationToken);
        if (warm.Failures == warmup)
        {
            throw new InvalidOperationException("every paid warm-up call failed: " + warm.FirstFailure);
        }

        var unpaidRun = await RunPhaseAsync(unpaid, free, calls, concurrency, cancellationToken);
        var paidRun = await RunPhaseAsync(paid, priced, calls, concurrency, cancellationToken);
        var claimer = host.Claimer!;
        await claimer.ClaimDueAsync(all: true, cancellationToken);
        return new CallsBenchmarkResult(
            calls,
            concurrency,
            "inprocess",
            "session",
            claimer.ClaimCount,
            Round(calls / paidRun.Seconds),
            Round(calls / unpaidRun.Seconds),
            Round(Percentile(paidRun.LatenciesMs, 0.50)),
            Round(Percentile(paidRun.LatenciesMs, 0.99)),
            Round(Percentile(unpaidRun.LatenciesMs, 0.50)),
            Round(Percentile(unpaidRun.LatenciesMs, 0.99)),
            paidRun.Failures + unpaidRun.Failures,
            host.DoubleSpends,
            0,
            0,
            0,
            0,
            0,
            paidRun.FirstFailure ?? unpaidRun.FirstFailure)
        {
            VoucherAuth = macCredit.IsZero ? "signature" : "mac",
            PaidCost = paidRun.PerCall,
            PaidJit = paidRun.Jit,
            UnpaidCost = unpaidRun.PerCall,
            WarmupCalls = warmup,
        };
    }

    private static SocketsHttpHandler NewSocketsHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = int.MaxValue,
        UseProxy = false,
    };

    private static async Task<PhaseResult> RunPhaseAsync(HttpClient http, Uri url, int calls, int concurrency, CancellationToken cancellationToken)
    {
        var latencies = new double[calls];
        var next = -1;
        var failures = 0;
        string? firstFailure = null;
        var time = TimeProvider.System;
        var before = ProcessCost.Now();
        var jitBefore = JitActivity.Now();
        var start = time.GetTimestamp();
        var workers = new Task[Math.Min(concurrency, calls)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(
                async () =>
                {
                    while (true)
                    {
                        var i = Interlocked.Increment(ref next);
                        if (i >= calls)
                        {
                            return;
                        }

                        var t0 = time.GetTimestamp();
                        try
                        {
                            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                            if (!response.IsSuccessStatusCode)
                            {
                                Interlocked.Increment(ref failures);
                                Interlocked.CompareExchange(ref firstFailure, $"HTTP {(int)response.StatusCode} from {url.AbsolutePath}", null);
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or FontanaPaymentException or FontanaApiException)
                        {
                            Interlocked.Increment(ref failures);
                            Interlocked.CompareExchange(ref firstFailure, ex.Message, null);
                        }

                        latencies[i] = time.GetElapsedTime(t0).TotalMilliseconds;
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var seconds = time.GetElapsedTime(start).TotalSeconds;
        var cost = ProcessCost.Now() - before;
        var jit = JitActivity.Now() - jitBefore;
        Array.Sort(latencies);
        return new PhaseResult(latencies, seconds, failures, firstFailure, cost.PerCall(calls), jit);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Round(double value) => Math.Round(value, 3);

    private sealed record PhaseResult(double[] LatenciesMs, double Seconds, int Failures, string? FirstFailure, ProcessCost PerCall, JitActivity Jit);
}
