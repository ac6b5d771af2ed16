using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Cli;

/// <summary>Followers as real processes: <c>fontana devnet --followers 2</c> and <c>fontana node --follow</c>, killed
/// with SIGKILL and restarted.</summary>
public sealed class CliFollowerTests
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DevnetWithTwoFollowers_TransferThroughAFollower_AllAgree_NodeFollowKilledAndRestartedCatchesUp()
    {
        using var home = new TempDir();
        var dataDir = home.Combine("devnet");
        var wallet = home.Combine("wallet.key");
        var port = FontanaProcess.FreePortRun(3); // the devnet and its followers on port, port+1, port+2
        await using var devnet = await DevnetProcess.StartAsync(home.Path, dataDir, wallet, port, extraArgs: ["--followers", "2"]);
        var followers = devnet.Started.GetProperty("followers").EnumerateArray().Select(e => e.GetString()!).ToList();
        followers.ShouldBe([Url(port + 1), Url(port + 2)]);

        using var recipient = PrivateKey.Generate();
        var to = new Fontana.Core.Address(recipient.PublicKey).ToString();
        var first = await TransferAsync(home.Path, wallet, followers[0], to, "1 TIA");
        foreach (var node in followers.Prepend(devnet.Url))
        {
            await WaitPostedAsync(node, first);
        }

        await ShouldAgreeAsync(devnet.Url, first, followers);

        // A follower of its own, as `fontana node --follow`: SIGKILL mid-sync, restart, it catches up.
        var followerPort = FontanaProcess.FreePort();
        string[] followArgs = ["node", "--follow", devnet.Url, "--da-dir", Path.Combine(dataDir, "da"), "--data-dir", home.Combine("f3"),
            "--urls", Url(followerPort)];
        using (var follower = StartProcess(home.Path, followArgs))
        {
            await WaitPostedAsync(Url(followerPort), first);
            follower.Kill(entireProcessTree: true);
            await follower.WaitForExitAsync();
        }

        var second = await TransferAsync(home.Path, wallet, devnet.Url, to, "2 TIA");
        using (var restarted = StartProcess(home.Path, followArgs))
        {
            await WaitPostedAsync(Url(followerPort), second);
            await ShouldAgreeAsync(devnet.Url, second, [Url(followerPort), .. followers]);
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }

    private static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

    private static Process StartProcess(string home, string[] args)
    {
        var process = Process.Start(FontanaProcess.StartInfo(home, args))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<string> TransferAsync(string home, string wallet, string node, string to, string amount)
    {
        var (code, transfer, err) = await FontanaProcess.RunJsonAsync(home, "transfer", "--to", to, "--amount", amount, "--node", node, "--wallet", wallet);
        code.ShouldBe(0, err);
        return transfer.GetProperty("txId").GetString()!;
    }

    private static async Task WaitPostedAsync(string node, string txId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node + "/") };
        await Wait.UntilAsync(async () =>
        {
            try
            {
                var answer = await http.GetAsync($"v1/transactions/{txId}");
                return answer.IsSuccessStatusCode
                    && (await answer.Content.ReadFromJsonAsync(ApiJsonContext.Default.TransactionStatusDto))!.Status == "posted";
            }
            catch (HttpRequestException)
            {
                return false; // still starting
            }
        }, SyncTimeout, $"{txId} posted, seen by {node}");
    }

    /// <summary>The transaction's block has the same hash and state root on every node.</summary>
    private static async Task ShouldAgreeAsync(string sequencer, string txId, IEnumerable<string> followers)
    {
        using var http = new HttpClient();
        var status = await http.GetFromJsonAsync($"{sequencer}/v1/transactions/{txId}", ApiJsonContext.Default.TransactionStatusDto);
        var height = status!.Final!.BlockHeight;
        var expected = await http.GetFromJsonAsync($"{sequencer}/v1/headers/{height}", ApiJsonContext.Default.HeaderDto);
        foreach (var follower in followers)
        {
            var header = await http.GetFromJsonAsync($"{follower}/v1/headers/{height}", ApiJsonContext.Default.HeaderDto);
            header!.Hash.ShouldBe(expected!.Hash, follower);
            header.StateRoot.ShouldBe(expected.StateRoot);
        }
    }
}
