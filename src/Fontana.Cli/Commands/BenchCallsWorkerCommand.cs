using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Bench;
using Fontana.Cli.Infrastructure;
using Fontana.Sdk;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana bench calls-worker --url URL --store STORE [--store-schema S] [--calls N] [--concurrency N] [--app NAME]</c> (hidden):
/// one process of <c>fontana bench calls --processes N</c>. Opens the wallet (<c>--wallet</c>) and the shared store,
/// initializes its payer, prints <c>ready</c>, waits for a line on stdin, makes its paid calls and prints one JSON line
/// (calls, failures, calls refused by the shared budget, first failure, latencies, splits, coin-lease claims).
/// </summary>
internal static class BenchCallsWorkerCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The paid URL", Required = true };
        var store = new Option<string>("--store") { Description = "The shared wallet store (SQLite file or PostgreSQL connection string)", Required = true };
        var schema = new Option<string?>("--store-schema") { Description = "PostgreSQL schema of the store" };
        var calls = new Option<int>("--calls") { DefaultValueFactory = _ => 100 };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 4 };
        var app = new Option<string?>("--app") { Description = "The paying app's name (its budget is shared through the store)" };
        var command = new Command("calls-worker", "One worker process of bench calls --processes (internal)") { url, store, schema, calls, concurrency, app };
        command.Hidden = true;
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            using var storeWaits = new StoreWaitRecorder();
            using var wallet = WalletKeyFile.Load(context.WalletPath);
            var location = context.Parse.GetValue(store)!;
            using var walletStore = location.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
                ? WalletStore.OpenPostgres(location, wallet.Address, context.Parse.GetValue(schema))
                : WalletStore.OpenSqlite(location, wallet.Address, TimeSpan.FromSeconds(30));
            var options = new FontanaPayerOptions
            {
                NodeUrl = context.NodeUrl,
                Wallet = wallet,
                Store = walletStore,
                LockTimeout = TimeSpan.FromMinutes(2),
                RefreshInterval = TimeSpan.FromSeconds(1),
                AppName = context.Parse.GetValue(app),
            };
            options.Monitor.Enabled = false; // measured: payments, not the background proof checks
            using var payer = new FontanaPayer(options);
            using var http = new HttpClient(WithInner(payer.CreateHandler()));
            await payer.InitializeAsync(ct);
            var before = storeWaits.ToJson(); // opening and initializing, not measured
            context.Out.WriteLine("ready");
            context.Out.Flush();
            await Console.In.ReadLineAsync(ct);

            var n = context.Parse.GetValue(calls);
            var target = new Uri(context.Parse.GetValue(url)!);
            var latencies = new double[n];
            var failures = 0;
            var budgetRefused = 0;
            string? firstFailure = null;
            var next = -1;
            var workers = Enumerable.Range(0, Math.Max(1, context.Parse.GetValue(concurrency))).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
                {
                    var t0 = TimeProvider.System.GetTimestamp();
                    try
                    {
                        using var response = await http.GetAsync(target, ct);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref failures);
                            Interlocked.CompareExchange(ref firstFailure, $"HTTP {(int)response.StatusCode}", null);
                        }
                    }
                    catch (BudgetExceededException)
                    {
                        // The shared budget ran out: refused before anything was signed (not a failure).
                        Interlocked.Increment(ref budgetRefused);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or FontanaPaymentException or FontanaApiException)
                    {
                        if (Interlocked.Increment(ref failures) <= 3)
                        {
                            context.Note($"call failed: {ex.GetType().Name}: {ex.Message} {ex.InnerException?.Message}");
                        }

                        Interlocked.CompareExchange(ref firstFailure, ex.Message, null);
                    }

                    latencies[i] = TimeProvider.System.GetElapsedTime(t0).TotalMilliseconds;
                }
            }, ct));
            await Task.WhenAll(workers);

            var (claimed, refused) = payer.CoinLeaseClaims;
            var result = new JsonObject
            {
                ["calls"] = n,
                ["failures"] = failures,
                ["budgetRefused"] = budgetRefused,
                ["firstFailure"] = firstFailure,
                ["splits"] = payer.SplitCount,
                ["coinClaims"] = claimed,
                ["coinClaimsRefused"] = refused,
                ["store"] = Difference(storeWaits.ToJson(), before),
                ["threads"] = ThreadPool.ThreadCount,
                ["coinWaits"] = payer.LockWait.Calls,
                ["coinWaitMs"] = Math.Round(payer.LockWait.Total.TotalMilliseconds, 1),
                ["latenciesMs"] = new JsonArray([.. latencies.Select(l => (JsonNode?)JsonValue.Create(Math.Round(l, 3)))]),
            };
            context.Out.WriteLine(result.ToJsonString());
            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    private static JsonObject Difference(JsonObject after, JsonObject before)
    {
        var negative = JsonNode.Parse(before.ToJsonString())!.AsObject();
        foreach (var (_, value) in negative.ToList())
        {
            if (value is JsonObject operation)
            {
                operation["count"] = -operation["count"]!.GetValue<long>();
                operation["waitMs"] = -operation["waitMs"]!.GetValue<double>();
                operation["runMs"] = -operation["runMs"]!.GetValue<double>();
                operation["maxRunMs"] = 0.0;
            }
        }

        negative["busyRetries"] = -negative["busyRetries"]!.GetValue<long>();
        var result = new JsonObject();
        StoreWaitRecorder.Add(result, after);
        StoreWaitRecorder.Add(result, negative);
        return result;
    }

    private static PaymentHandler WithInner(PaymentHandler handler)
    {
        handler.InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 };
        return handler;
    }
}
