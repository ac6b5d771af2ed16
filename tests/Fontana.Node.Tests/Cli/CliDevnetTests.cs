using System.Net.Http.Json;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Ledger;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Cli;

/// <summary>The real <c>fontana</c> process end to end: devnet, wallet commands, SIGKILL, recovery.</summary>
public sealed class CliDevnetTests
{
    [Fact]
    public async Task Devnet_BalanceTransferKillRecover_IdenticalRoots()
    {
        using var home = new TempDir();
        var dataDir = home.Combine("devnet");
        var wallet = home.Combine("wallet.key");
        var port = FontanaProcess.FreePort();
        string txId;
        await using (var devnet = await DevnetProcess.StartAsync(home.Path, dataDir, wallet, port))
        {
            var node = new[] { "--node", devnet.Url, "--wallet", wallet };
            var (code, balance, err) = await FontanaProcess.RunJsonAsync(home.Path, ["balance", .. node]);
            code.ShouldBe(0, err);
            balance.GetProperty("balance").GetString().ShouldBe("1000000000");
            balance.GetProperty("utxoCount").GetInt32().ShouldBe(10);

            using var recipient = PrivateKey.Generate();
            var to = new Fontana.Core.Address(recipient.PublicKey).ToString();
            var (transferCode, transfer, transferErr) = await FontanaProcess.RunJsonAsync(home.Path, ["transfer", "--to", to, "--amount", "1.5 TIA", .. node]);
            transferCode.ShouldBe(0, transferErr);
            txId = transfer.GetProperty("txId").GetString()!;

            using var http = new HttpClient { BaseAddress = new Uri(devnet.Url + "/") };
            await Wait.UntilAsync(async () =>
                (await http.GetFromJsonAsync($"v1/transactions/{txId}", ApiJsonContext.Default.TransactionStatusDto))!.Status == "posted",
                TimeSpan.FromSeconds(30), "the transfer posted to DA");
            var (_, paid, _) = await FontanaProcess.RunJsonAsync(home.Path, ["balance", "--address", to, "--node", devnet.Url]);
            paid.GetProperty("balance").GetString().ShouldBe("1500000");

            await devnet.KillAsync();
        }

        var recovered = home.Combine("recovered");
        var (recoverCode, result, recoverErr) = await FontanaProcess.RunJsonAsync(home.Path, "recover", "--da-dir", dataDir, "--data-dir", recovered);
        recoverCode.ShouldBe(0, recoverErr);
        var height = result.GetProperty("height").GetUInt64();
        result.GetProperty("transactions").GetInt64().ShouldBeGreaterThanOrEqualTo(1);

        await using var original = await LedgerHost.OpenAsync(new LedgerOptions { SqlitePath = Path.Combine(dataDir, "ledger.db") });
        await using var rebuilt = await LedgerHost.OpenAsync(new LedgerOptions { SqlitePath = Path.Combine(recovered, "ledger.db") });
        height.ShouldBeLessThanOrEqualTo(original.LatestHeader.Height);
        (await rebuilt.GetTransactionAsync(Fontana.Core.Hash32.Parse(txId))).ShouldNotBeNull();
        for (ulong h = 0; h <= height; h++)
        {
            var a = (await original.GetHeaderAsync(h))!;
            var b = (await rebuilt.GetHeaderAsync(h))!;
            b.Hash.ShouldBe(a.Hash, $"block {h}");
            b.TxRoot.ShouldBe(a.TxRoot);
            b.StateRoot.ShouldBe(a.StateRoot);
        }

        result.GetProperty("blockHash").GetString().ShouldBe((await original.GetHeaderAsync(height))!.Hash.ToString());
        result.GetProperty("stateRoot").GetString().ShouldBe((await original.GetHeaderAsync(height))!.StateRoot.ToString());
    }

    [Fact]
    public async Task Transfer_ConcurrentProcessesOneWallet_EachSucceedsOrFailsCleanly()
    {
        using var home = new TempDir();
        var wallet = home.Combine("wallet.key");
        await using var devnet = await DevnetProcess.StartAsync(home.Path, home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        var walletBytes = await File.ReadAllBytesAsync(wallet);
        using var recipient = PrivateKey.Generate();
        var to = new Fontana.Core.Address(recipient.PublicKey).ToString();

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            FontanaProcess.RunJsonAsync(home.Path, "transfer", "--to", to, "--amount", "1 TIA", "--node", devnet.Url, "--wallet", wallet)));

        var succeeded = 0;
        foreach (var (code, json, err) in runs)
        {
            if (code == 0)
            {
                json.GetProperty("txId").GetString()!.Length.ShouldBe(64);
                succeeded++;
            }
            else
            {
                json.GetProperty("code").GetString().ShouldNotBeNullOrEmpty(err);
                json.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
            }
        }

        succeeded.ShouldBeGreaterThan(0);
        (await File.ReadAllBytesAsync(wallet)).ShouldBe(walletBytes);
        var (_, balance, _) = await FontanaProcess.RunJsonAsync(home.Path, "balance", "--address", to, "--node", devnet.Url);
        balance.GetProperty("balance").GetString().ShouldBe((succeeded * 1_000_000L).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Devnet_SecondStart_ResumesTheSameChain()
    {
        using var home = new TempDir();
        var dataDir = home.Combine("devnet");
        var wallet = home.Combine("wallet.key");
        string genesis;
        await using (var first = await DevnetProcess.StartAsync(home.Path, dataDir, wallet, FontanaProcess.FreePort()))
        {
            first.Started.GetProperty("resumed").GetBoolean().ShouldBeFalse();
            genesis = first.Started.GetProperty("genesisHash").GetString()!;
        }

        await using var second = await DevnetProcess.StartAsync(home.Path, dataDir, wallet, FontanaProcess.FreePort());

        second.Started.GetProperty("resumed").GetBoolean().ShouldBeTrue();
        second.Started.GetProperty("genesisHash").GetString().ShouldBe(genesis);
    }

    [Fact]
    public async Task Errors_JsonMode_CodeAndMessageOnStdoutNonZeroExit()
    {
        using var home = new TempDir();
        var wallet = home.Combine("wallet.key");
        (await FontanaProcess.RunAsync(home.Path, "init", "--wallet", wallet)).ExitCode.ShouldBe(0);

        var unreachable = await FontanaProcess.RunJsonAsync(home.Path, "balance", "--wallet", wallet, "--node", $"http://127.0.0.1:{FontanaProcess.FreePort()}");
        var badAmount = await FontanaProcess.RunJsonAsync(home.Path, "transfer", "--to", "fnt1x", "--amount", "lots", "--wallet", wallet);
        var again = await FontanaProcess.RunJsonAsync(home.Path, "init", "--wallet", wallet);
        var human = await FontanaProcess.RunAsync(home.Path, "split", "--count", "0", "--amount", "1", "--wallet", wallet);

        unreachable.ExitCode.ShouldNotBe(0);
        unreachable.Json.GetProperty("code").GetString().ShouldBe("node-unreachable");
        badAmount.ExitCode.ShouldNotBe(0);
        badAmount.Json.GetProperty("code").GetString().ShouldBeOneOf("bad-address", "bad-amount");
        again.Json.GetProperty("code").GetString().ShouldBe("wallet-exists");
        human.ExitCode.ShouldNotBe(0);
        human.Err.ShouldStartWith("error bad-argument: ");
    }
}
