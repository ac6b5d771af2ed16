using System.Diagnostics;
using System.Text.Json;

namespace Fontana.Cli.Tests;

/// <summary><c>fontana watch</c> against a real devnet (blocks every 200 ms): verified headers as JSON lines, live.</summary>
public sealed class WatchCommandTests : IDisposable
{
    private readonly TempDirectory _home = new("cli-watch");

    [Fact]
    public async Task WatchHeadersJson_Devnet_ConsecutiveVerifiedHeadersOnePerLine()
    {
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), _home.Combine("wallet.key"), FontanaProcess.FreePort());
        using var watch = Process.Start(FontanaProcess.StartInfo(_home.Path, ["watch", "headers", "--from", "1", "--node", devnet.Url, "--json"]))!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var headers = new List<JsonElement>();
            while (headers.Count < 4)
            {
                var line = await watch.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    // Only once the watch has ended: reading its stderr to the end waits for its exit.
                    throw new ShouldAssertException("watch ended early: " + await watch.StandardError.ReadToEndAsync(timeout.Token));
                }

                using var doc = JsonDocument.Parse(line);
                headers.Add(doc.RootElement.Clone());
            }

            headers.Select(h => h.GetProperty("height").GetUInt64()).ShouldBe([1UL, 2UL, 3UL, 4UL]);
            headers.ShouldAllBe(h => h.GetProperty("type").GetString() == "header" && h.GetProperty("verified").GetBoolean());
            headers[1].GetProperty("previousHash").GetString().ShouldBe(headers[0].GetProperty("hash").GetString());
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Watch_BadArguments_Codes()
    {
        var tx = await FontanaProcess.RunAsync(_home.Path, "watch", "tx", "nothex");
        var address = await FontanaProcess.RunAsync(_home.Path, "watch", "address", "celestia1xyz", "--json");
        var unreachable = await FontanaProcess.RunAsync(_home.Path, "watch", "--node", $"http://127.0.0.1:{FontanaProcess.FreePort()}");

        tx.ExitCode.ShouldBe(1, tx.ToString());
        tx.Err.ShouldStartWith("error bad-argument: TXID must be 64 hex characters");
        address.ParseJson().GetProperty("code").GetString().ShouldBe("bad-address");
        unreachable.ExitCode.ShouldBe(1, unreachable.ToString());
        unreachable.Err.ShouldStartWith("error node-unreachable: ");
    }

    public void Dispose() => _home.Dispose();
}
