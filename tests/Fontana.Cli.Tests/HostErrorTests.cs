using System.Net;
using System.Net.Sockets;

namespace Fontana.Cli.Tests;

/// <summary>Hosts that cannot start say why in one line with a code: a taken port, a data dir another devnet holds;
/// a running devnet keeps stdout for its JSON; what it says while starting goes to stderr.</summary>
public sealed class HostErrorTests : IDisposable
{
    private readonly TempDirectory _home = new("cli");

    [Fact]
    public async Task Devnet_PortInUse_AddressInUseNamingPortAndOption()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var run = await FontanaProcess.RunAsync(_home.Path, "devnet", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data-dir", _home.Combine("devnet"), "--wallet", _home.Combine("wallet.key"));

        run.ExitCode.ShouldBe(1, run.ToString());
        var errorLines = run.Err.Split('\n').Where(l => l.StartsWith("error ", StringComparison.Ordinal)).ToList();
        errorLines.ShouldHaveSingleItem(run.Err);
        errorLines[0].ShouldBe($"error address-in-use: port {port} on 127.0.0.1 is in use by another program (another devnet or node?); stop it or choose another port with --port");
        run.Err.ShouldNotContain("   at ");
        run.Err.ShouldNotContain("Exception");
        run.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Devnet_PortInUseJson_OnlyTheErrorObjectOnStdout()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var run = await FontanaProcess.RunAsync(_home.Path, "devnet", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data-dir", _home.Combine("devnet"), "--wallet", _home.Combine("wallet.key"), "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.ParseJson().GetProperty("code").GetString().ShouldBe("address-in-use");
        run.Err.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Devnet_DataDirHeldByAnotherDevnet_DaLocked()
    {
        var dataDir = _home.Combine("devnet");
        var wallet = _home.Combine("wallet.key");
        await using var running = await DevnetProcess.StartAsync(_home.Path, dataDir, wallet, FontanaProcess.FreePort());

        var second = await FontanaProcess.RunAsync(_home.Path, "devnet", "--port", FontanaProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data-dir", dataDir, "--wallet", wallet);
        var node = await FontanaProcess.RunAsync(_home.Path, "node", "--data-dir", dataDir, "--urls", $"http://127.0.0.1:{FontanaProcess.FreePort()}", "--json");

        second.ExitCode.ShouldBe(1, second.ToString());
        second.Err.Split('\n').Where(l => l.StartsWith("error ", StringComparison.Ordinal)).ShouldHaveSingleItem(second.Err).ShouldStartWith("error da-locked: ", customMessage: second.Err);
        second.Err.ShouldNotContain("   at ");
        node.ExitCode.ShouldBe(1, node.ToString());
        node.ParseJson().GetProperty("code").GetString().ShouldBe("da-locked");
    }

    [Fact]
    public async Task DevnetJson_StdoutHoldsOnlyTheStartObject_ProgressOnStderr()
    {
        var wallet = _home.Combine("wallet.key");
        var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        await using (devnet)
        {
            var (code, balance, err) = await FontanaProcess.RunJsonAsync(_home.Path, "balance", "--node", devnet.Url, "--wallet", wallet);
            code.ShouldBe(0, err);
            balance.GetProperty("address").GetString().ShouldBe(devnet.Address);

            var (stdout, stderr) = await devnet.KillAsync();

            stdout.ShouldBeEmpty();
            stderr.ShouldStartWith($"fontana devnet: first start — creating your wallet {wallet} and the chain in ");
            stderr.ShouldNotContain("   at ");
        }
    }

    [Fact]
    public async Task Balance_FontanaNodeVariable_ReachesTheDevnet()
    {
        var wallet = _home.Combine("wallet.key");
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());

        var run = await FontanaProcess.RunAsync(_home.Path, new Dictionary<string, string?> { ["FONTANA_NODE"] = devnet.Url }, "balance", "--wallet", wallet, "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.ParseJson().GetProperty("balance").GetString().ShouldBe("1000000000");
    }

    public void Dispose() => _home.Dispose();
}
