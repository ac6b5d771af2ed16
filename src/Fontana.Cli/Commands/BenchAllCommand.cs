using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.AspNetCore;
using Fontana.Cli.Bench;
using Fontana.Cli.Infrastructure;
using Fontana.Ledger.Load;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana bench all [--transactions N] [--recover-transactions N] [--calls N]</c>: one report of the load tools in
/// one process, one after the other — the ledger (SQLite, <see cref="LedgerLoadRunner"/>), recovery from DA
/// (<see cref="BenchRecoverCommand"/>), paid calls (the <c>bench calls</c> code path: exact and session schemes at 1 and
/// 256 in flight) — each figure next to its raw limit from the same run and their ratio: the two-thread Ed25519 verify
/// rate for the ledger and recovery, the unpaid calls of the same run for paid calls.
/// </summary>
internal static class BenchAllCommand
{
    public static Command Create()
    {
        var ledgerCount = new Option<int>("--transactions") { Description = "Payments for the ledger run", DefaultValueFactory = _ => 200_000 };
        var recoverCount = new Option<int>("--recover-transactions") { Description = "Payments in the chain recovered from DA", DefaultValueFactory = _ => 200_000 };
        var callCount = new Option<int>("--calls") { Description = "Calls per phase of each calls run", DefaultValueFactory = _ => 5_000 };
        var command = new Command("all", "Ledger, recovery and paid calls in one run, each figure with its raw limit of the same run and the ratio")
        {
            ledgerCount, recoverCount, callCount,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var ledgerTransactions = context.Parse.GetValue(ledgerCount);
            var recoverTransactions = context.Parse.GetValue(recoverCount);
            var calls = context.Parse.GetValue(callCount);
            if (ledgerTransactions < 1 || recoverTransactions < 1 || calls < 1)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, "--transactions, --recover-transactions and --calls must be at least 1");
            }

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
                foreach (var scheme in new[] { "exact", "session" })
                {
                    foreach (var concurrency in new[] { 1, 256 })
                    {
                        context.Note($"calls: {scheme}, {concurrency} in flight …");
                        var dir = Path.Combine(work, $"calls-{scheme}-{concurrency}");
                        Directory.CreateDirectory(dir);
                        var r = await CallsBenchmark.RunAsync(calls, concurrency, SettlementMode.InProcess, dir, ct, sessions: scheme == "session");
                        var json = BenchCallsCommand.ToJson(r);
                        json["ratio"] = Math.Round(r.UnpaidPerSecond > 0 ? r.PaidPerSecond / r.UnpaidPerSecond : 0, 3);
                        json["addedP50Ms"] = Math.Round(r.AddedP50Ms, 3);
                        json["addedP99Ms"] = Math.Round(r.AddedP99Ms, 3);
                        callsReport[$"{scheme}-{concurrency}"] = json;
                        failed |= r.Failures != 0 || r.DoubleSpends != 0;
                    }
                }

                report["calls"] = callsReport;
                report["callsTargets"] = "exact-256 paidPerSecond >= 5000; exact-1 addedP50Ms <= 1, addedP99Ms <= 5; session-256 ratio >= 0.8; session-1 addedP50Ms <= 0.3";
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
