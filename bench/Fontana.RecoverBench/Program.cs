using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.DataAvailability.Local;
using Fontana.Ledger;
using Fontana.Node.Recovery;
using Fontana.RecoverBench;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run -c Release --project bench/Fontana.RecoverBench -- [--transactions 1000000] [--chains 4096]
//   [--levels-per-block 2] [--dir DIR] [--json]
// Builds the chain once into DIR/source (reused by later runs with the same arguments), then recovers it into a fresh
// DIR/recovered exactly as `fontana recover --da-dir DIR/source/da --data-dir DIR/recovered` does (SQLite
// synchronous=FULL), and prints the replay rate next to the raw Ed25519 verify rate measured just before and after.
var transactions = 1_000_000;
var chains = 4096;
var levelsPerBlock = 2;
var dir = Path.Combine(Path.GetTempPath(), "fontana-recover-bench");
var json = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--transactions":
            transactions = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--chains":
            chains = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--levels-per-block":
            levelsPerBlock = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--dir":
            dir = Next();
            break;
        case "--json":
            json = true;
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

void Log(string line) => Console.Error.WriteLine($"[{TimeProvider.System.GetUtcNow():HH:mm:ss}] {line}");
var source = Path.Combine(dir, $"source-{transactions}-{chains}-{levelsPerBlock}");
var marker = Path.Combine(source, "built.json");
BuiltChain? built = null;
if (!File.Exists(marker))
{
    if (Directory.Exists(source))
    {
        Directory.Delete(source, recursive: true);
    }

    built = await ChainBuilder.BuildAsync(source, transactions, chains, levelsPerBlock, Log);
    await File.WriteAllTextAsync(marker, new JsonObject
    {
        ["stateRoot"] = built.StateRoot.ToString(),
        ["tip"] = built.TipHeight,
        ["buildSeconds"] = built.BuildTime.TotalSeconds,
        ["sample"] = Convert.ToBase64String(built.SamplePayment),
    }.ToJsonString());
}

var saved = JsonNode.Parse(await File.ReadAllTextAsync(marker))!;
var expectedRoot = saved["stateRoot"]!.GetValue<string>();
var sample = Convert.FromBase64String(saved["sample"]!.GetValue<string>());
var target = Path.Combine(dir, "recovered");
if (Directory.Exists(target))
{
    Directory.Delete(target, recursive: true);
}

var verifyBefore = VerifyRate.Measure(sample, 2);
var verifyOneThread = VerifyRate.Measure(sample, 1);
Log($"raw Ed25519 verify: {verifyBefore:F0}/s on 2 threads, {verifyOneThread:F0}/s on 1; recovering {transactions} payments");
using var da = LocalDataAvailability.OpenReadOnly(Path.Combine(source, "da"));
var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
var result = await new ChainRecovery(da, NullLogger.Instance).RecoverAsync(
    new LedgerOptions { SqlitePath = Path.Combine(target, "ledger.db") }, null, target, null, CancellationToken.None);
var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var verifyAfter = VerifyRate.Measure(sample, 2);
if (result.StateRoot.ToString() != expectedRoot || result.Transactions != transactions)
{
    throw new InvalidOperationException($"recovered {result.Transactions} transactions to state root {result.StateRoot}; expected {transactions} and {expectedRoot}");
}

var seconds = result.Elapsed.TotalSeconds;
var output = new JsonObject
{
    ["transactions"] = result.Transactions,
    ["blocks"] = result.Blocks,
    ["seconds"] = Math.Round(seconds, 3),
    ["txPerSecond"] = Math.Round(result.Transactions / seconds, 1),
    ["cpuMicrosecondsPerTx"] = Math.Round(cpu.TotalMilliseconds * 1000 / result.Transactions, 1),
    ["verifyPerSecond"] = Math.Round(verifyBefore, 1),
    ["verifyPerSecondAfter"] = Math.Round(verifyAfter, 1),
    ["verifyPerSecondOneThread"] = Math.Round(verifyOneThread, 1),
    ["stateRoot"] = result.StateRoot.ToString(),
    ["buildSeconds"] = Math.Round(saved["buildSeconds"]!.GetValue<double>(), 1),
};
Console.WriteLine(json ? output.ToJsonString() : output.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
return 0;
