using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Devnet;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana devnet [--port 5080] [--block-interval 6s]</c>: node + local wallet funded at genesis, one process.</summary>
internal static class DevnetCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
        var interval = new Option<string>("--block-interval") { Description = "Time between blocks (e.g. 6s, 500ms)", DefaultValueFactory = _ => "6s" };
        var followers = new Option<int>("--followers")
        {
            Description = $"Also start this many read-only follower nodes (0–{DevnetFollowers.Max}) on the next ports",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("devnet", "Run a local devnet: node with SQLite + local DA, genesis funding your wallet") { port, interval, followers };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var settings = new DevnetSettings(
                context.DataDir(DevnetHost.DefaultDataDir),
                context.WalletPath,
                context.Parse.GetValue(port),
                CliParse.Duration(context.Parse.GetValue(interval)!, "--block-interval"));
            var followerCount = context.Parse.GetValue(followers);
            if (followerCount is < 0 or > DevnetFollowers.Max)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"--followers must be between 0 and {DevnetFollowers.Max} (got {followerCount})");
            }

            context.Note(File.Exists(Path.Combine(settings.DataDir, "genesis.json"))
                ? $"fontana devnet: resuming the chain in {settings.DataDir}…"
                : $"fontana devnet: first start — creating {(File.Exists(settings.WalletPath) ? "the chain" : "your wallet " + settings.WalletPath + " and the chain")} in {settings.DataDir}…");
            var chain = await DevnetHost.PrepareAsync(settings, ct);
            await using var l1 = await DevnetL1.StartAsync(settings.DataDir, chain.Genesis);
            OneLineLogFormatter.HoldLines(); // the banner first: the daemons log as soon as the host starts
            try
            {
                await using var app = DevnetHost.Build(settings, chain, l1);
                await CliHost.StartAsync(app, $"port {settings.Port} on 127.0.0.1", "choose another port with --port", ct);
                var url = $"http://127.0.0.1:{settings.Port}";
                await using var followerSet = await DevnetFollowers.StartAsync(settings, url, followerCount, ct);
                PrintBanner(context, settings, chain, l1, url, followerSet.Urls);
                await context.Out.FlushAsync(ct);
                OneLineLogFormatter.ReleaseHeldLines(context.Error);
                try
                {
                    await app.WaitForShutdownAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C
                }

                await followerSet.DisposeAsync();
                await app.StopAsync(CancellationToken.None);
                return 0;
            }
            finally
            {
                OneLineLogFormatter.ReleaseHeldLines(context.Error); // a failed start still shows what was logged
            }
        });
        return command;
    }

    private static void PrintBanner(
        CliContext context, DevnetSettings settings, DevnetChain chain, Fontana.Bridge.Simulator.L1Simulator l1, string url, IReadOnlyList<string> followerUrls)
    {
        if (context.Json)
        {
            context.WriteJson(new JsonObject
            {
                ["url"] = url,
                ["chainId"] = chain.Genesis.ChainId,
                ["genesisHash"] = chain.Genesis.Hash.ToString(),
                ["dataDir"] = settings.DataDir,
                ["wallet"] = settings.WalletPath,
                ["address"] = chain.WalletAddress.ToString(),
                ["resumed"] = !chain.CreatedChain,
                ["explorer"] = url + "/",
                ["dashboard"] = $"{url}{DevnetHost.DashboardPath}/?key={chain.DashboardKey}",
                ["followers"] = new JsonArray(followerUrls.Select(u => (JsonNode)JsonValue.Create(u)).ToArray()),
                ["l1"] = l1.Url.ToString(),
                ["l1Vault"] = DevnetL1.Vault(chain.Genesis).Text,
                ["l1Faucet"] = DevnetL1.Faucet(chain.Genesis).Text,
            });
        }
        else
        {
            PrintWelcome(context, settings, chain, l1, url, followerUrls);
        }
    }

    private static void PrintWelcome(
        CliContext context, DevnetSettings settings, DevnetChain chain, Fontana.Bridge.Simulator.L1Simulator l1, string url, IReadOnlyList<string> followerUrls)
    {
        var node = settings.Port == 5080 ? string.Empty : $" --node {url}";
        context.Line($"Fontana devnet {(chain.CreatedChain ? "started" : "resumed")}: chain {chain.Genesis.ChainId}, blocks every {settings.BlockInterval.TotalSeconds:0.###}s");
        context.Line($"  node      {url}   (API {url}/v1/info, metrics {url}/metrics, OpenAPI {url}/openapi/v1.json)");
        context.Line($"  explorer  {url}/   (API docs {url}/scalar/)");
        context.Line($"  provider  {url}{DevnetHost.DashboardPath}/?key={chain.DashboardKey}   (dashboard of the demo paid API)");
        context.Line($"  data dir  {settings.DataDir}");
        context.Line($"  wallet    {settings.WalletPath}{(chain.CreatedWallet ? " (created)" : string.Empty)}  {chain.WalletAddress}");
        context.Line($"  L1        {l1.Url}   (simulated Celestia: vault {DevnetL1.Vault(chain.Genesis).Text}; ./fontana deposit --amount \"5 TIA\" sends from its faucet)");
        foreach (var followerUrl in followerUrls)
        {
            context.Line($"  follower  {followerUrl}   (read-only: syncs from the devnet's DA and stream, forwards submissions)");
        }

        context.Line(string.Empty);
        context.Line("Try next, in another terminal (in the repository):");
        context.Line($"  ./fontana call {url}/demo/fortune{node}        a paid call: 0.001 TIA, receipt on stderr");
        context.Line($"  ./fontana balance{node}");
        context.Line($"  ./fontana transfer --to <fnt1…> --amount \"1 TIA\"{node}");
        context.Line($"  ./fontana split --count 10 --amount \"0.1 TIA\"{node}");
        context.Line($"  curl {url}/v1/headers/tip");
        context.Line("Ctrl+C stops the devnet; the next start resumes the same chain.");
    }
}
