namespace Fontana.Cli.Tests;

/// <summary>Inputs that protect the user: amounts, addresses, wallet files, genesis, the node URL. One line
/// <c>error &lt;code&gt;: …</c>, the code once, exit 1, never a stack trace.</summary>
public sealed class InputErrorTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("cli");
    private string _wallet = string.Empty;
    private string _address = string.Empty;

    public async Task InitializeAsync()
    {
        _wallet = _home.Combine("wallet.key");
        var (code, json, err) = await FontanaProcess.RunJsonAsync(_home.Path, "init", "--wallet", _wallet);
        code.ShouldBe(0, err);
        _address = json.GetProperty("address").GetString()!;
    }

    public Task DisposeAsync()
    {
        _home.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("-1", "--amount -1: an amount must be positive (e.g. --amount \"0.5 TIA\" or --amount 500000utia)")]
    [InlineData("0", "--amount must be more than 0 (e.g. --amount \"0.5 TIA\" or --amount 500000utia)")]
    [InlineData("abc", "--amount: amount \"abc\" has no unit (e.g. --amount \"0.5 TIA\" or --amount 500000utia)")]
    [InlineData("99999999999999999999", "--amount 99999999999999999999 is more than the largest amount, 18446744073709.551615 TIA (18446744073709551615utia)")]
    [InlineData("99999999999999 TIA", "--amount 99999999999999 TIA is more than the largest amount, 18446744073709.551615 TIA (18446744073709551615utia)")]
    public async Task Transfer_BadAmount_OneLineWithOneExample(string amount, string message)
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "transfer", "--to", _address, "--amount", amount, "--wallet", _wallet);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldBeEmpty();
        run.Err.ShouldBe($"error bad-amount: {message}\n");
    }

    [Fact]
    public async Task Transfer_ToAnL1Address_PointsAtWithdraw()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "transfer", "--to", "celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn8zr4a6", "--amount", "1 TIA", "--wallet", _wallet);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Err.ShouldStartWith("error bad-address: --to celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn8zr4a6 is an L1 (Celestia) address: use `fontana withdraw");
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnrk363e")]
    [InlineData("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn8qsxwk")]
    public async Task Withdraw_BadL1Address_RefusedBeforeTheNodeIsAsked(string l1Address)
    {
        // The node URL points nowhere: a refusal other than bad-l1-address would mean the CLI went on to sign and send.
        var port = FontanaProcess.FreePort();
        var run = await FontanaProcess.RunAsync(_home.Path, "withdraw", "--amount", "1 TIA", "--l1-address", l1Address,
            "--wallet", _wallet, "--node", $"http://127.0.0.1:{port}");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldBeEmpty();
        run.Err.ShouldStartWith("error bad-l1-address: --l1-address: ");
        run.Err.ShouldContain("nothing was signed");
    }

    [Fact]
    public async Task Balance_NodeUnreachable_CodePrintedOnce()
    {
        var port = FontanaProcess.FreePort();
        var run = await FontanaProcess.RunAsync(_home.Path, "balance", "--wallet", _wallet, "--node", $"http://127.0.0.1:{port}");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Err.ShouldStartWith("error node-unreachable: ");
        run.Err.Split("node-unreachable").Length.ShouldBe(2, run.Err);
        run.Err.Trim().Split('\n').Length.ShouldBe(1, run.Err);
    }

    [Fact]
    public async Task Balance_FontanaNodeVariable_IsTheDefaultNode()
    {
        var port = FontanaProcess.FreePort();
        var run = await FontanaProcess.RunAsync(_home.Path, new Dictionary<string, string?> { ["FONTANA_NODE"] = $"http://127.0.0.1:{port}" },
            "balance", "--wallet", _wallet);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Err.ShouldContain($"127.0.0.1:{port}");
    }

    [Fact]
    public async Task Balance_FontanaNodeVariableNotAUrl_BadArgumentNamingTheVariable()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, new Dictionary<string, string?> { ["FONTANA_NODE"] = "localhost-5080" }, "balance", "--wallet", _wallet);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Err.ShouldStartWith("error bad-argument: --node (or $FONTANA_NODE) must be an http(s) URL");
    }

    [Theory]
    [InlineData("show")]
    [InlineData("balance")]
    public async Task Wallet_PublicKeyBitFlipped_RefusedAsCorrupt(string command)
    {
        var damaged = _home.Combine("damaged.key");
        WalletFiles.FlipPublicKeyBit(_wallet, damaged);

        var run = await FontanaProcess.RunAsync(_home.Path, command, "--wallet", damaged, "--node", $"http://127.0.0.1:{FontanaProcess.FreePort()}");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldBeEmpty();
        run.Err.ShouldBe($"error wallet-corrupt: wallet {damaged} is corrupt: its public key does not match its private key\n");
    }

    [Fact]
    public async Task GenesisCreate_OtherChainIdOnExistingDataDir_GenesisMismatchAndUnchanged()
    {
        var dataDir = _home.Combine("chain");
        var (code, first, err) = await FontanaProcess.RunJsonAsync(_home.Path, "genesis", "create", "--chain-id", "first-chain", "--data-dir", dataDir, "--wallet", _wallet);
        code.ShouldBe(0, err);
        var genesis = await File.ReadAllTextAsync(Path.Combine(dataDir, "genesis.json"));

        var other = await FontanaProcess.RunAsync(_home.Path, "genesis", "create", "--chain-id", "other-chain", "--data-dir", dataDir, "--wallet", _wallet);
        var same = await FontanaProcess.RunJsonAsync(_home.Path, "genesis", "create", "--chain-id", "first-chain", "--data-dir", dataDir, "--wallet", _wallet);

        other.ExitCode.ShouldBe(1, other.ToString());
        other.Err.ShouldStartWith("error genesis-mismatch: ");
        other.Err.ShouldContain("--chain-id other-chain (it holds first-chain)");
        (await File.ReadAllTextAsync(Path.Combine(dataDir, "genesis.json"))).ShouldBe(genesis);
        same.ExitCode.ShouldBe(0, same.Err);
        same.Json.GetProperty("genesisHash").GetString().ShouldBe(first.GetProperty("genesisHash").GetString());
    }

    [Fact]
    public async Task Node_WithoutSequencerKey_KeyMissingJsonOnlyNoStackTrace()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "node", "--data-dir", _home.Combine("empty"),
            "--urls", $"http://127.0.0.1:{FontanaProcess.FreePort()}", "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        var json = run.ParseJson();
        json.GetProperty("code").GetString().ShouldBe("key-missing");
        json.GetProperty("message").GetString()!.ShouldContain("fontana genesis create");
        run.Err.ShouldNotContain("   at ");
        run.Err.ShouldNotContain("Exception");
    }
}
