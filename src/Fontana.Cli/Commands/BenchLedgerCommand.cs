using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Ledger;
using Fontana.Ledger.Load;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana bench ledger [--transactions N] [--concurrency N] [--store sqlite|postgres] [--postgres CONN] [--seal-interval 6s|none]</c>:
/// the ledger load tool (BRIEF §6), running <see cref="LedgerLoadRunner"/> against a fresh durable store.
/// </summary>
internal static class BenchLedgerCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--transactions") { Description = "Signed 1-in-2-out payments to apply", DefaultValueFactory = _ => 200_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Payment chains in flight at once", DefaultValueFactory = _ => 4096 };
        var store = new Option<string>("--store") { Description = "sqlite (a temporary file, synchronous=FULL) or postgres", DefaultValueFactory = _ => "sqlite" };
        var postgres = new Option<string?>("--postgres") { Description = "Npgsql connection string (default: $FONTANA_TEST_POSTGRES); a temporary schema is used" };
        var seal = new Option<string>("--seal-interval") { Description = "Seal a block this often during the run (e.g. 6s), or none", DefaultValueFactory = _ => "6s" };
        var command = new Command("ledger", "Durable apply throughput and latency of the ledger, next to the raw Ed25519 verify rate")
        {
            count, concurrency, store, postgres, seal,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var options = new LedgerLoadOptions
            {
                Transactions = context.Parse.GetValue(count),
                Concurrency = context.Parse.GetValue(concurrency),
                SealInterval = ParseSealInterval(context.Parse.GetValue(seal)!),
            };
            if (options.Transactions < 1 || options.Concurrency < 1)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, "--transactions and --concurrency must be at least 1");
            }

            switch (context.Parse.GetValue(store))
            {
                case "sqlite":
                    break;
                case "postgres":
                    options.Store = LedgerStoreKind.Postgres;
                    options.PostgresConnectionString = context.Parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("FONTANA_TEST_POSTGRES")
                        ?? throw new CliFailure(CliErrorCodes.BadArgument, "--store postgres needs --postgres CONN or $FONTANA_TEST_POSTGRES");
                    break;
                default:
                    throw new CliFailure(CliErrorCodes.BadArgument, "--store must be sqlite or postgres");
            }

            var r = await LedgerLoadRunner.RunAsync(options, context.Json ? null : context.Line, ct);
            if (context.Json)
            {
                context.WriteJson(JsonNode.Parse(r.ToJson())!.AsObject());
            }
            else
            {
                context.Line(r.ToString());
            }

            return 0;
        });
        return command;
    }

    private static TimeSpan? ParseSealInterval(string text) => text == "none" ? null : CliParse.Duration(text, "--seal-interval");
}
