using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.AspNetCore;
using Fontana.Cli.Bench;
using Fontana.Cli.Infrastructure;
using Fontana.Ledger.Load;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana bench all [--transactions N] [--recover-transactions N] [--calls N] [--steady-warmup N]</c>: one report of
/// the load tools in one process, one after the other — the ledger (SQLite, <see cref="LedgerLoadRunner"/>), recovery
/// from DA (<see cref="BenchRecoverCommand"/>), paid calls (the <c>bench calls</c> code path: exact and session schemes
/// at 1 and 256 in flight; the exact scheme both after the default warm-up and in the steady state) — each figure next to its raw limit from the same run and their ratio: the two-thread Ed25519 verify
/// rate for the ledger and recovery, the unpaid calls of the same run for paid calls.
/// </summary>
internal static class BenchAllCommand
{
    /// <summary>The calls runs, in order: the exact scheme after the default warm-up ("cold": the JIT still tiering up the
    /// paid path while it is timed) and after a long one (the steady state), then the session scheme.</summary>
    private static readonly (string Name, string Scheme, int Concurrency, bool Steady)[] CallsRuns =
    [
        ("exact-1-cold", "exact", 1, false), ("exact-256-cold", "exact", 256, false), ("exact-1", "exact", 1, true), ("exact-256", "exact", 256, true),
        ("session-1", "session", 1, false), ("session-256", "session", 256, false),
    ];

    public static Command Create()
    {
        var ledgerCount = new Option<int>("--transactions") { Description = "Payments for the ledger run", DefaultValueFactory = _ => 200_000 };
        var recoverCount = new Option<int>("--recover-transactions") { Description = "Payments in the chain recovered from DA", DefaultValueFactory = _ => 200_000 };
        var callCount = new Option<int>("--calls") { Description = "Calls per phase of each calls run", DefaultValueFactory = _ => 5_000 };
        var steadyWarmup = new Option<int>("--steady-warmup")
        {
            Description = "Untimed paid calls before the steady-state exact run at 256 in flight (an eighth of it at 1 in flight): enough for tiered compilation to settle",
            DefaultValueFactory = _ => 40_000,
        };
        var command = new Command("all", "Ledger, recovery and paid calls in one run, each figure with its raw limit of the same run and the ratio")
        {
            ledgerCount, recoverCount, callCount, steadyWarmup,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var ledgerTransactions = context.Parse.GetValue(ledgerCount);
            var recoverTransactions = context.Parse.GetValue(recoverCount);
            var calls = context.Parse.GetValue(callCount);
            var warmup256 = context.Parse.GetValue(steadyWarmup);
            if (ledgerTransactions < 1 || recoverTransactions < 1 || calls < 1)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, "--transactions, --recover-transactions and --calls must be at least 1");
            }

            if (warmup256 is < 8 or > 1_000_000)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, "--steady-warmup must be 8..1000000");
            }

            int SteadyWarmup(int concurrency) => concurrency == 1 ? warmup256 / 8 : warmup256;

            var report = new JsonObject
            {
                ["startedAt"] = TimeProvider.System.GetUtcNow().ToString("u", CultureInfo.InvariantCulture),
                ["loadAverageAtStart"] = LoadAverage(),
            };
            context.Note("ledger …");
            var ledger = await LedgerLoadRunner.RunAsync(new LedgerLoadOptions { Transactions = ledgerTransactions }, context.Note, ct);
            var ledgerJson = JsonNode.Parse(ledger.ToJson())!.AsObject();
            ledgerJson["target"] = "ratio >= 0.5";
            report["ledger"] = ledgerJson;

            context.Note("recovery …");
            var work = Path.Combine(Path.GetTempPath(), "fontana-bench-all-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var recover = await BenchRecoverCommand.RunAsync(Path.Combine(work, "recover"), recoverTransactions, 4096, 2, context.Note, ct);
                recover["target"] = "txPerSecond >= 20000 at 1,000,000 transactions";
                report["recover"] = recover;

                var callsReport = new JsonObject();
                var failed = false;
                foreach (var (name, scheme, concurrency, steady) in CallsRuns)
                {
                    context.Note($"calls: {name} …");
                    var dir = Path.Combine(work, "calls-" + name);
                    Directory.CreateDirectory(dir);
                    var r = await CallsBenchmark.RunAsync(
                        calls, concurrency, SettlementMode.InProcess, dir, ct, sessions: scheme == "session", warmupCalls: steady ? SteadyWarmup(concurrency) : null);
                    var json = BenchCallsCommand.ToJson(r);
                    json["ratio"] = Math.Round(r.UnpaidPerSecond > 0 ? r.PaidPerSecond / r.UnpaidPerSecond : 0, 3);
                    json["addedP50Ms"] = Math.Round(r.AddedP50Ms, 3);
                    json["addedP99Ms"] = Math.Round(r.AddedP99Ms, 3);
                    callsReport[name] = json;
                    failed |= r.Failures != 0 || r.DoubleSpends != 0;
                }

                report["calls"] = callsReport;
                report["callsTargets"] = "exact-256 paidPerSecond >= 5000; exact-1 addedP50Ms <= 1, addedP99Ms <= 5; session-256 ratio >= 0.8; session-1 addedP50Ms <= 0.3";
                report["callsWarmup"] = "exact-1 and exact-256: the steady state of a long-running provider, measured after "
                    + $"{SteadyWarmup(1)} / {SteadyWarmup(256)} untimed paid calls (paidJitCompilations: what the JIT still compiled while timed); "
                    + "exact-1-cold and exact-256-cold: the same after the default warm-up (a tenth of --calls, at most 500), tiered compilation still at work";
                report["limits"] = new JsonObject
                {
                    ["verifyPerSecondLedger"] = ledgerJson["verifyPerSecond"]!.DeepClone(),
                    ["verifyPerSecondRecover"] = recover["verifyPerSecond"]!.DeepClone(),
                    ["unpaidPerSecond"] = "per calls run (its ratio is paid / unpaid of that run)",
                };
                report["loadAverageAtEnd"] = LoadAverage();
                if (context.Json)
                {
                    context.WriteJson(report);
                }
                else
                {
                    context.Line(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                }

                return failed ? 1 : 0;
            }
            finally
            {
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>The 1, 5 and 15-minute load averages (<c>/proc/loadavg</c>), or null where there is none.</summary>
    private static string? LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
