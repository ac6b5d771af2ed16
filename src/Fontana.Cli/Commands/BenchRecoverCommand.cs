using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.DataAvailability.Local;
using Fontana.Ledger;
using Fontana.Ledger.Load;
using Fontana.Node.Chain;
using Fontana.Node.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana bench recover [--transactions N] [--chains N] [--levels-per-block N] [--dir DIR]</c>: builds a chain of N
/// signed payments through a real ledger (<see cref="LedgerChainBuilder"/>, the load runner's workload), posting every
/// block to a local DA directory as the node's poster does, then recovers it into a fresh SQLite store
/// (<c>synchronous=FULL</c>) with <see cref="ChainRecovery"/> — what <c>fontana recover --da-dir</c> runs — checks the
/// recovered state root, and prints the replay rate (from the start of the recovery to the recovered ledger's close,
/// when its last state-tree checkpoint is written) next to the raw two-thread Ed25519 verify rate measured just before
/// and just after the replay.
/// </summary>
internal static class BenchRecoverCommand
{
    private const string ChainId = "fontana-recover-bench";

    public static Command Create()
    {
        var count = new Option<int>("--transactions") { Description = "Signed 1-in-2-out payments in the chain", DefaultValueFactory = _ => 200_000 };
        var chainCount = new Option<int>("--chains") { Description = "Payment chains (payments per level)", DefaultValueFactory = _ => 4096 };
        var levels = new Option<int>("--levels-per-block") { Description = "Levels of payments per block", DefaultValueFactory = _ => 2 };
        var dir = new Option<string?>("--dir") { Description = "Keep the built chain here and reuse it on later runs with the same arguments (default: a temporary directory, removed)" };
        var command = new Command("recover", "Recovery from DA: builds a chain of N payments with its DA, replays it into a fresh store, and reports tx/s next to the raw verify rate")
        {
            count, chainCount, levels, dir,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var transactions = context.Parse.GetValue(count);
            var chains = context.Parse.GetValue(chainCount);
            var levelsPerBlock = context.Parse.GetValue(levels);
            if (transactions < 1 || chains < 1 || levelsPerBlock < 1)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, "--transactions, --chains and --levels-per-block must be at least 1");
            }

            var keep = context.Parse.GetValue(dir);
            var root = keep ?? Path.Combine(Path.GetTempPath(), "fontana-recover-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                var result = await RunAsync(root, transactions, chains, levelsPerBlock, context.Note, ct);
                if (context.Json)
                {
                    context.WriteJson(result);
                }
                else
                {
                    context.Line(result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                }
            }
            finally
            {
                if (keep is null && Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }

            return 0;
        });
        return command;
    }

    internal static async Task<JsonObject> RunAsync(string root, int transactions, int chainCount, int levelsPerBlock, Action<string> log, CancellationToken ct)
    {
        var source = Path.Combine(root, $"source-{transactions}-{chainCount}-{levelsPerBlock}");
        var marker = Path.Combine(source, "built.json");
        if (!File.Exists(marker))
        {
            if (Directory.Exists(source))
            {
                Directory.Delete(source, recursive: true);
            }

            await BuildAsync(source, marker, transactions, chainCount, levelsPerBlock, log, ct);
        }

        var saved = JsonNode.Parse(await File.ReadAllTextAsync(marker, ct))!;
        var expectedRoot = saved["stateRoot"]!.GetValue<string>();
        var sample = Convert.FromBase64String(saved["sample"]!.GetValue<string>());
        var target = Path.Combine(root, "recovered");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var (verifyBefore, verifyCpuBefore) = VerifyRate.MeasureWithCpu(sample, 2);
        log($"raw Ed25519 verify on 2 threads: {verifyBefore:F0}/s; recovering {transactions} payments");
        using var da = LocalDataAvailability.OpenReadOnly(Path.Combine(source, "da"));
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var result = await new ChainRecovery(da, NullLogger.Instance).RecoverAsync(
            new LedgerOptions { SqlitePath = Path.Combine(target, "ledger.db") }, null, target, null, ct);

        // Until the recovered ledger is closed (its last state-tree checkpoint written), the store is not complete:
        // the rate counts from the recovery's start to the close, not only to the last block's commit.
        var seconds = wall.Elapsed.TotalSeconds;
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var (verifyAfter, verifyCpuAfter) = VerifyRate.MeasureWithCpu(sample, 2);
        if (result.StateRoot.ToString() != expectedRoot || result.Transactions != transactions)
        {
            throw new InvalidOperationException($"recovered {result.Transactions} transactions to state root {result.StateRoot}; expected {transactions} and {expectedRoot}");
        }

        var verify = (verifyBefore + verifyAfter) / 2;
        var cpuPerTx = cpu.TotalMilliseconds * 1000 / result.Transactions;
        var cpuPerVerify = (verifyCpuBefore + verifyCpuAfter) / 2;
        return new JsonObject
        {
            ["transactions"] = result.Transactions,
            ["seconds"] = Math.Round(seconds, 3),
            ["secondsToLastBlock"] = Math.Round(result.Elapsed.TotalSeconds, 3),
            ["txPerSecond"] = Math.Round(result.Transactions / seconds, 1),
            ["verifyPerSecond"] = Math.Round(verify, 1),
            ["ratio"] = Math.Round(result.Transactions / seconds / verify, 3),
            ["verifyPerSecondBefore"] = Math.Round(verifyBefore, 1),
            ["verifyPerSecondAfter"] = Math.Round(verifyAfter, 1),
            ["cpuMicrosecondsPerTx"] = Math.Round(cpuPerTx, 1),
            ["cpuMicrosecondsPerVerify"] = Math.Round(cpuPerVerify, 1),
            ["cpuRatio"] = Math.Round(cpuPerVerify / cpuPerTx, 3),
            ["blocks"] = result.Blocks,
            ["stateRoot"] = result.StateRoot.ToString(),
            ["buildSeconds"] = Math.Round(saved["buildSeconds"]!.GetValue<double>(), 1),
            ["pipeline"] = result.Pipeline,
        };
    }

    private static async Task BuildAsync(string source, string marker, int transactions, int chainCount, int levelsPerBlock, Action<string> log, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        log($"signing {transactions} payments on {chainCount} chains");
        using var chains = PaymentChains.Create(ChainId, transactions, chainCount, spreadOverMaxChains: false, TimeSpan.FromSeconds(6));
        Directory.CreateDirectory(source);
        using var da = new LocalDataAvailability(Path.Combine(source, "da"));
        // The source store only produces the DA file: synchronous=NORMAL is enough for it.
        await using var ledger = await LedgerHost.OpenAsync(new LedgerOptions
        {
            SqlitePath = Path.Combine(source, "ledger.db"),
            SqliteSynchronous = Fontana.Ledger.Storage.SqliteSynchronousMode.Normal,
            Genesis = chains.Genesis,
            SequencerKey = chains.Sequencer,
            BridgeAuthorityKey = chains.BridgeAuthority,
        }, ct);
        async Task PostAsync(ulong height)
        {
            var block = await ledger.GetFullBlockAsync(height, ct) ?? throw new InvalidOperationException($"block {height} is missing");
            var reference = await da.PostAsync(height, DaPayload.Encode(block, height == 0 ? chains.Genesis : null), ct);
            await ledger.MarkPostedAsync(height, reference.ToString(), ct);
        }

        log($"building the chain ({chains.Chains} chains, depth {chains.Depth}, a block every {levelsPerBlock} levels)");
        var tip = await LedgerChainBuilder.BuildAsync(ledger, chains, levelsPerBlock, PostAsync, log, ct);
        log($"chain built: tip {tip.Height}, state root {tip.Header.StateRoot}, {clock.Elapsed.TotalSeconds:F1} s");
        await File.WriteAllTextAsync(marker, new JsonObject
        {
            ["stateRoot"] = tip.Header.StateRoot.ToString(),
            ["tip"] = tip.Height,
            ["buildSeconds"] = clock.Elapsed.TotalSeconds,
            ["sample"] = Convert.ToBase64String(chains.Signed[0][0]),
        }.ToJsonString(), ct);
    }
}
