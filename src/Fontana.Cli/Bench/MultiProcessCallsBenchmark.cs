using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.AspNetCore;
using Fontana.Core;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;
using Npgsql;

namespace Fontana.Cli.Bench;

/// <summary>
/// <c>fontana bench calls --processes N</c>: one wallet shared by N worker processes (<c>fontana bench calls-worker</c>)
/// through one wallet store (SQLite file, or a PostgreSQL schema of its own), paying <c>/bench/paid</c> on one
/// self-hosted node + provider. The wallet starts with a single large output, so the processes also split coins while
/// competing for them. Timing starts when every worker is initialized. Counts failures, <c>input-spent</c> rejections at
/// the ledger, and the payments every worker recorded as settled in the store. With a budget (<c>--budget-calls K</c>) the
/// workers pay as app <c>bench-workers</c>, whose total limit in the shared store is K calls: exactly K are paid and the
/// rest refused with <c>budget-exceeded</c> (counted as <c>budgetRefused</c>, not as failures).
/// </summary>
internal static class MultiProcessCallsBenchmark
{
    public static async Task<JsonObject> RunAsync(
        int processes, int callsPerProcess, int concurrency, SettlementMode settlement, string workDir, string? postgres, CancellationToken cancellationToken,
        int? budgetCalls = null)
    {
        var keyPath = Path.Combine(workDir, "wallet.key");
        Address address;
        using (var wallet = WalletKeyFile.Create(keyPath))
        {
            address = wallet.Address;
        }

        var total = processes * callsPerProcess;
        var perCall = CallsBenchmarkHost.Price + CallsBenchmarkHost.MinFee;
        var funds = Amount.FromTia(10) + (perCall * (ulong)total * 2);
        var chainDir = Path.Combine(workDir, "chain");
        Directory.CreateDirectory(chainDir);
        await using var host = await CallsBenchmarkHost.StartAsync(chainDir, address, funds, settlement, cancellationToken);

        var schema = postgres is null ? null : "fontana_bench_" + Guid.NewGuid().ToString("N")[..12];
        var storeLocation = postgres ?? Path.Combine(workDir, "wallet.db");
        using var store = postgres is null ? WalletStore.OpenSqlite(storeLocation, address) : WalletStore.OpenPostgres(postgres, address, schema);
        string? app = null;
        if (budgetCalls is { } budget)
        {
            // One budget for all the workers, kept in the shared store: together they may pay for `budget` calls.
            app = "bench-workers";
            store.CreateSpendingPolicy().Grant(PermissionScope.ForApp(app), new SpendingLimits { Total = perCall * (ulong)budget });
        }

        var workers = new List<Process>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                workers.Add(StartWorker(keyPath, host, storeLocation, schema, callsPerProcess, concurrency, app));
            }

            var stderr = workers.Select(w => w.StandardError.ReadToEndAsync(cancellationToken)).ToArray();
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(TimeSpan.FromMinutes(3));
            foreach (var (worker, i) in workers.Select((w, i) => (w, i)))
            {
                var line = await worker.StandardOutput.ReadLineAsync(startup.Token);
                if (line != "ready")
                {
                    await worker.WaitForExitAsync(cancellationToken);
                    throw new InvalidOperationException($"worker {i} did not start: {line} {await stderr[i]}");
                }
            }

            var start = TimeProvider.System.GetTimestamp();
            foreach (var worker in workers)
            {
                await worker.StandardInput.WriteLineAsync("go");
                await worker.StandardInput.FlushAsync(cancellationToken);
            }

            var results = new List<JsonObject>();
            foreach (var (worker, i) in workers.Select((w, i) => (w, i)))
            {
                var line = await worker.StandardOutput.ReadLineAsync(cancellationToken);
                await worker.WaitForExitAsync(cancellationToken);
                results.Add(line is not null && JsonNode.Parse(line) is JsonObject o
                    ? o
                    : throw new InvalidOperationException($"worker {i} gave no result (exit {worker.ExitCode}): {await stderr[i]}"));
            }

            var seconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
            var latencies = results.SelectMany(r => r["latenciesMs"]!.AsArray().Select(v => v!.GetValue<double>())).Order().ToArray();
            var failures = results.Sum(r => r["failures"]!.GetValue<int>());
            var settled = store.CountPayments().TryGetValue(PaymentState.Settled, out var s) ? s : 0;
            var storeOps = new JsonObject();
            foreach (var result in results)
            {
                StoreWaitRecorder.Add(storeOps, result["store"] as JsonObject);
            }

            return new JsonObject
            {
                ["processes"] = processes,
                ["calls"] = total,
                ["concurrency"] = concurrency,
                ["paidPerSecond"] = Math.Round(total / seconds, 3),
                ["paidP50Ms"] = Math.Round(Percentile(latencies, 0.50), 3),
                ["paidP90Ms"] = Math.Round(Percentile(latencies, 0.90), 3),
                ["paidP99Ms"] = Math.Round(Percentile(latencies, 0.99), 3),
                ["paidMaxMs"] = Math.Round(Percentile(latencies, 1.0), 3),
                ["failures"] = failures,
                ["budgetCalls"] = budgetCalls,
                ["budgetRefused"] = results.Sum(r => r["budgetRefused"]!.GetValue<int>()),
                ["doubleSpends"] = host.DoubleSpends,
                ["splits"] = results.Sum(r => r["splits"]!.GetValue<long>()),
                ["coinClaims"] = results.Sum(r => r["coinClaims"]!.GetValue<long>()),
                ["coinClaimsRefused"] = results.Sum(r => r["coinClaimsRefused"]!.GetValue<long>()),
                ["storeSettled"] = settled,
                ["store"] = store.Engine,
                ["settle"] = settlement == SettlementMode.Remote ? "remote" : "inprocess",
                ["workerThreads"] = new JsonArray([.. results.Select(r => (JsonNode?)JsonValue.Create(r["threads"]?.GetValue<int>() ?? 0))]),
                ["coinWaits"] = results.Sum(r => r["coinWaits"]?.GetValue<long>() ?? 0),
                ["coinWaitMs"] = Math.Round(results.Sum(r => r["coinWaitMs"]?.GetValue<double>() ?? 0), 1),
                ["storeOps"] = storeOps,
                ["firstFailure"] = results.Select(r => r["firstFailure"]?.GetValue<string>()).FirstOrDefault(f => f is not null),
            };
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }

                worker.Dispose();
            }

            if (postgres is not null)
            {
                DropSchema(postgres, schema!);
            }
        }
    }

    private static Process StartWorker(string keyPath, CallsBenchmarkHost host, string store, string? schema, int calls, int concurrency, string? app)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(MultiProcessCallsBenchmark).Assembly.Location);
        }

        string[] args =
        [
            "bench", "calls-worker", "--url", new Uri(host.ProviderAddress, "bench/paid").ToString(), "--node", host.NodeAddress.ToString(),
            "--wallet", keyPath, "--store", store, "--calls", calls.ToString(CultureInfo.InvariantCulture),
            "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (schema is not null)
        {
            info.ArgumentList.Add("--store-schema");
            info.ArgumentList.Add(schema);
        }

        if (app is not null)
        {
            info.ArgumentList.Add("--app");
            info.ArgumentList.Add(app);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start a worker process");
    }

    private static void DropSchema(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE";
        command.ExecuteNonQuery();
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
