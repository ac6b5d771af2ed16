using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Bench;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana bench ledger [--transactions N] [--postgres CONN]</c>: the ledger load tool (BRIEF §6).</summary>
internal static class BenchLedgerCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--transactions") { Description = "Signed 1-in-2-out payments to apply", DefaultValueFactory = _ => 20_000 };
        var postgres = new Option<string?>("--postgres") { Description = "Npgsql connection string (default: a SQLite file, synchronous=FULL)" };
        var inFlight = new Option<int>("--in-flight") { Description = "Transactions submitted and not yet receipted", DefaultValueFactory = _ => 8192 };
        var command = new Command("ledger", "Durable apply throughput and latency of the ledger, next to the raw Ed25519 verify rate") { count, postgres, inFlight };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var n = context.Parse.GetValue(count);
            if (n is < 1 or > 65_536)
            {
                throw new CliException(CliErrorCodes.BadArgument, "--transactions must be between 1 and 65536");
            }

            var work = Path.Combine(Path.GetTempPath(), "fontana-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(work);
            try
            {
                var r = await LedgerBenchmark.RunAsync(n, context.Parse.GetValue(postgres), work, Math.Max(1, context.Parse.GetValue(inFlight)), ct);
                if (context.Json)
                {
                    context.WriteJson(new JsonObject
                    {
                        ["transactions"] = r.Transactions,
                        ["seconds"] = r.Seconds,
                        ["txPerSecond"] = r.TxPerSecond,
                        ["p50Ms"] = r.P50Ms,
                        ["p99Ms"] = r.P99Ms,
                        ["verifyPerSecond"] = r.VerifyPerSecond,
                        ["store"] = r.Store,
                    });
                }
                else
                {
                    context.Line(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Transactions} transactions in {r.Seconds:0.000}s: {r.TxPerSecond:0} tx/s durable ({r.Store}), p50 {r.P50Ms:0.00} ms, p99 {r.P99Ms:0.00} ms; raw verify {r.VerifyPerSecond:0}/s on 2 threads"));
                }

                return 0;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }
}
