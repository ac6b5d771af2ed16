using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.AspNetCore;
using Fontana.Cli.Bench;
using Fontana.Cli.Infrastructure;
using Fontana.Core;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana bench calls [--calls N] [--concurrency N] [--settle inprocess|remote] [--scheme exact|session]
/// [--voucher-auth mac|signature] [--prefetch on|off] [--ledger-sync full|normal] [--warmup N] [--processes N [--store sqlite|CONNECTION] [--budget-calls K] [--reference]] [--json]</c> (BRIEF §6). With <c>--processes</c> above 1, N worker processes
/// share one wallet through one wallet store (<see cref="MultiProcessCallsBenchmark"/>); <c>--calls</c> is then per process.</summary>
internal static class BenchCallsCommand
{
    public static Command Create()
    {
        var calls = new Option<int>("--calls") { Description = "Calls per phase (unpaid, then paid)", DefaultValueFactory = _ => 5_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight at once, all from one wallet", DefaultValueFactory = _ => 16 };
        var settle = new Option<string>("--settle") { Description = "inprocess (provider co-hosted with the ledger) or remote (through the node's x402 facilitator over HTTP)", DefaultValueFactory = _ => "inprocess" };
        settle.AcceptOnlyFromAmong("inprocess", "remote");
        var scheme = new Option<string>("--scheme") { Description = "exact (one ledger payment per call) or session (vouchers on one session; in-process only)", DefaultValueFactory = _ => "exact" };
        scheme.AcceptOnlyFromAmong("exact", "session");
        var voucherAuth = new Option<string>("--voucher-auth") { Description = "With --scheme session: mac (MAC vouchers, one signed per quarter of the provider's default 1 TIA credit) or signature (every voucher signed)", DefaultValueFactory = _ => "mac" };
        voucherAuth.AcceptOnlyFromAmong("mac", "signature");
        var processes = new Option<int>("--processes") { Description = "Worker processes sharing one wallet through one wallet store (then --calls is per process)", DefaultValueFactory = _ => 1 };
        var store = new Option<string>("--store") { Description = "With --processes: sqlite (a file) or a PostgreSQL connection string (a temporary schema is used)", DefaultValueFactory = _ => "sqlite" };
        var budgetCalls = new Option<int?>("--budget-calls") { Description = "With --processes: a budget of this many calls shared by all the processes through the store (the rest are refused with budget-exceeded)" };
        var reference = new Option<bool>("--reference") { Description = "With --processes: first measure one worker process making all the calls with all of them in flight (same store engine, its own wallet and node): the raw reference of the same run" };
        var prefetch = new Option<string>("--prefetch") { Description = "Exact scheme: on (each paid response hands out the next call's challenge: one request per call) or off (402 then the paid request, two per call)", DefaultValueFactory = _ => "on" };
        prefetch.AcceptOnlyFromAmong("on", "off");
        var ledgerSync = new Option<string>("--ledger-sync") { Description = "The node's SQLite synchronous mode: full (default: each commit fsynced before its calls are answered) or normal (opt-in, weaker: fsync at checkpoints only; docs/node.md \"Durability\")", DefaultValueFactory = _ => "full" };
        ledgerSync.AcceptOnlyFromAmong("full", "normal");
        var warmup = new Option<int?>("--warmup") { Description = "Untimed calls of each kind before the measured phases (default: a tenth of --calls, at least min(--concurrency, 50), at most 500); a long warm-up measures the steady state, after the JIT has tiered up the code" };
        var command = new Command("calls", "Paid vs unpaid calls over loopback on one self-hosted node + provider: throughput, p50/p99, splits, lock wait")
        {
            calls, concurrency, settle, scheme, voucherAuth, processes, store, budgetCalls, reference, prefetch, ledgerSync, warmup,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var n = context.Parse.GetValue(calls);
            var c = context.Parse.GetValue(concurrency);
            if (n is < 1 or > 1_000_000 || c is < 1 or > 10_000)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, "--calls must be 1..1000000 and --concurrency 1..10000");
            }

            var w = context.Parse.GetValue(warmup);
            if (w is < 1 or > 1_000_000)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, "--warmup must be 1..1000000");
            }

            var mode = context.Parse.GetValue(settle) == "remote" ? SettlementMode.Remote : SettlementMode.InProcess;
            var work = Path.Combine(Path.GetTempPath(), "fontana-bench-calls-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(work);
            try
            {
                var p = context.Parse.GetValue(processes);
                if (p is < 1 or > 64)
                {
                    throw new CliFailure(CliErrorCodes.BadArgument, "--processes must be 1..64");
                }

                if (p > 1)
                {
                    var storeText = context.Parse.GetValue(store)!;
                    var postgres = storeText == "sqlite" ? null : storeText;
                    if (postgres is not null && !postgres.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new CliFailure(CliErrorCodes.BadArgument, "--store must be sqlite or a PostgreSQL connection string (Host=…)");
                    }

                    var budget = context.Parse.GetValue(budgetCalls);
                    if (budget is < 0)
                    {
                        throw new CliFailure(CliErrorCodes.BadArgument, "--budget-calls must not be negative");
                    }

                    JsonObject? single = null;
                    if (context.Parse.GetValue(reference))
                    {
                        var referenceDir = Path.Combine(work, "reference");
                        Directory.CreateDirectory(referenceDir);
                        single = await MultiProcessCallsBenchmark.RunAsync(1, p * n, p * c, mode, referenceDir, postgres, ct);
                    }

                    var runDir = Path.Combine(work, "run");
                    Directory.CreateDirectory(runDir);
                    var multi = await MultiProcessCallsBenchmark.RunAsync(p, n, c, mode, runDir, postgres, ct, budget);
                    if (single is not null)
                    {
                        multi["referenceSingleProcessPaidPerSecond"] = single["paidPerSecond"]!.GetValue<double>();
                        multi["referenceSingleProcessP50Ms"] = single["paidP50Ms"]!.GetValue<double>();
                        multi["referenceSingleProcessFailures"] = single["failures"]!.GetValue<int>();
                        multi["referenceSingleProcessStoreOps"] = single["storeOps"]?.DeepClone();
                    }

                    if (context.Json)
                    {
                        context.WriteJson(multi);
                    }
                    else
                    {
                        context.Line(string.Create(CultureInfo.InvariantCulture,
                            $"{multi["calls"]} paid calls from {p} processes sharing one wallet ({multi["store"]} store, {c} in flight each): {multi["paidPerSecond"]}/s p50 {multi["paidP50Ms"]} ms p99 {multi["paidP99Ms"]} ms"));
                        context.Line(string.Create(CultureInfo.InvariantCulture,
                            $"failures {multi["failures"]}, refused by the shared budget {multi["budgetRefused"]}, double spends (input-spent at the ledger) {multi["doubleSpends"]}, settled in the store {multi["storeSettled"]}, splits {multi["splits"]}, coin leases {multi["coinClaims"]} ({multi["coinClaimsRefused"]} refused: held by another process)"));
                    }

                    if (multi["firstFailure"]?.GetValue<string>() is { } first)
                    {
                        context.Note("first failure: " + first);
                    }

                    var ok = multi["failures"]!.GetValue<int>() == 0 && multi["doubleSpends"]!.GetValue<long>() == 0
                        && multi["storeSettled"]!.GetValue<int>() == Math.Min(p * n, budget ?? int.MaxValue);
                    return ok ? 0 : 1;
                }

                var macCredit = context.Parse.GetValue(voucherAuth) == "mac" ? Amount.FromUtia(new Fontana.AspNetCore.Sessions.FontanaSessionOptions().MacCreditUtia) : Amount.Zero;
                var r = await CallsBenchmark.RunAsync(
                    n, c, mode, work, ct, sessions: context.Parse.GetValue(scheme) == "session", macCredit, prefetch: context.Parse.GetValue(prefetch) == "on",
                    ledgerSync: context.Parse.GetValue(ledgerSync) == "normal" ? Fontana.Ledger.Storage.SqliteSynchronousMode.Normal : Fontana.Ledger.Storage.SqliteSynchronousMode.Full,
                    warmupCalls: w);
                if (r.FirstFailure is not null)
                {
                    context.Note($"{r.Failures} calls failed; the first: {r.FirstFailure}");
                }

                if (context.Json)
                {
                    context.WriteJson(ToJson(r));
                }
                else
                {
                    context.Line(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Calls} calls at concurrency {r.Concurrency} ({r.Settlement} settlement): paid {r.PaidPerSecond:0}/s p50 {r.PaidP50Ms:0.000} ms p99 {r.PaidP99Ms:0.000} ms; unpaid {r.UnpaidPerSecond:0}/s p50 {r.UnpaidP50Ms:0.000} ms p99 {r.UnpaidP99Ms:0.000} ms"));
                    context.Line(string.Create(CultureInfo.InvariantCulture,
                        $"added latency p50 {r.AddedP50Ms:0.000} ms, p99 {r.AddedP99Ms:0.000} ms; {r.Splits} splits, {r.LockWaitedCalls} calls waited for an output ({r.LockWaitMeanMs:0.000} ms per call); SDK work {r.SdkOverheadMeanUs:0} µs per payment; failures {r.Failures}, double spends {r.DoubleSpends}"));
                }

                return r.Failures == 0 && r.DoubleSpends == 0 ? 0 : 1;
            }
            finally
            {
                TryDelete(work);
            }
        });
        return command;
    }

    internal static JsonObject ToJson(CallsBenchmarkResult r) => new()
    {
        ["calls"] = r.Calls,
        ["concurrency"] = r.Concurrency,
        ["paidPerSecond"] = r.PaidPerSecond,
        ["unpaidPerSecond"] = r.UnpaidPerSecond,
        ["paidP50Ms"] = r.PaidP50Ms,
        ["paidP99Ms"] = r.PaidP99Ms,
        ["unpaidP50Ms"] = r.UnpaidP50Ms,
        ["unpaidP99Ms"] = r.UnpaidP99Ms,
        ["failures"] = r.Failures,
        ["doubleSpends"] = r.DoubleSpends,
        ["splits"] = r.Splits,
        ["settle"] = r.Settlement,
        ["scheme"] = r.Scheme,
        ["claims"] = r.Claims,
        ["voucherAuth"] = r.VoucherAuth,
        ["lockWaitedCalls"] = r.LockWaitedCalls,
        ["lockWaitTotalMs"] = r.LockWaitTotalMs,
        ["lockWaitMeanMs"] = r.LockWaitMeanMs,
        ["sdkOverheadMeanUs"] = r.SdkOverheadMeanUs,
        ["paidCpuUsPerCall"] = r.PaidCost?.CpuMicroseconds,
        ["unpaidCpuUsPerCall"] = r.UnpaidCost?.CpuMicroseconds,
        ["paidAllocatedBytesPerCall"] = r.PaidCost?.AllocatedBytes,
        ["unpaidAllocatedBytesPerCall"] = r.UnpaidCost?.AllocatedBytes,
        ["prefetchedCalls"] = r.PrefetchedCalls,
        ["ledgerSync"] = r.LedgerSync,
        ["warmupCalls"] = r.WarmupCalls,
        ["paidGcPer1000Calls"] = r.PaidCost is { } cost ? new JsonArray(cost.Gen0Collections, cost.Gen1Collections, cost.Gen2Collections) : null,
        ["paidJitCompilations"] = r.PaidJit?.Compilations,
        ["paidJitMs"] = r.PaidJit?.Milliseconds,
    };

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; the temp directory is cleaned up later.
        }
    }
}
