using Fontana.Bridge.L1;
using Fontana.Core;
using Fontana.Core.Bridge;
using Fontana.Sdk;

namespace Fontana.Cli.Tests;

/// <summary>Issue 12, "done when": a real <c>fontana devnet</c> process runs the bridge against its L1 simulator;
/// <c>fontana deposit</c> and <c>fontana withdraw --wait</c> are real processes; value is conserved on both sides.</summary>
public sealed class BridgeDevnetTests : IDisposable
{
    private static readonly CelestiaAddress Payee = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)0x5A, 20).ToArray());
    private readonly TempDirectory _home = new("bridge-devnet");

    [Fact]
    public async Task Devnet_DepositThenWithdrawWait_MintedPaidConfirmed_ValueConservedOnBothSides()
    {
        var wallet = _home.Combine("wallet.key");
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        using var node = new FontanaClient(new Uri(devnet.Url));
        var me = Address.Parse(devnet.Address);
        var info = await node.GetInfoAsync();
        var genesisSupply = Amount.FromTia(1000); // the devnet's 10 × 100 TIA allocations
        (await SupplyAsync(node, me, info.FeeAddress)).ShouldBe(genesisSupply);

        var deposit = await FontanaProcess.RunAsync(_home.Path, "deposit", "--amount", "5 TIA", "--wait", "--node", devnet.Url, "--wallet", wallet, "--json");

        deposit.ExitCode.ShouldBe(0, deposit.Err);
        deposit.ParseJson().GetProperty("status").GetString().ShouldBe("minted");
        Amount.ParseUtia((await node.GetBalanceAsync(me)).Balance).ShouldBe(genesisSupply + Amount.FromTia(5));

        var withdraw = await FontanaProcess.RunAsync(_home.Path, "withdraw", "--amount", "2 TIA", "--l1-address", Payee.Text, "--wait",
            "--node", devnet.Url, "--wallet", wallet, "--json");

        withdraw.ExitCode.ShouldBe(0, withdraw.Err);
        var result = withdraw.ParseJson();
        result.GetProperty("status").GetString().ShouldBe("confirmed");
        var txId = result.GetProperty("txId").GetString()!;
        result.GetProperty("l1TxHash").GetString().ShouldNotBeNullOrEmpty();

        // Fontana: supply = genesis + deposits − withdrawals (the withdrawal's fee moved to the fee address, not out).
        (await SupplyAsync(node, me, info.FeeAddress)).ShouldBe(genesisSupply + Amount.FromTia(5) - Amount.FromTia(2));

        // L1 (read as the bridge reads it: celestia-node's state.BalanceForAddress, at head − 1; blocks come every second).
        using var http = new HttpClient();
        var l1Url = devnet.Started.GetProperty("l1").GetString()!;
        var state = new CelestiaStateClient(http, new L1Options { RpcUrl = l1Url, RestUrl = l1Url }, TimeProvider.System);
        var vault = CelestiaAddress.Parse(devnet.Started.GetProperty("l1Vault").GetString()!);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await state.BalanceForAddressAsync(Payee, CancellationToken.None) != 2_000_000 && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(200);
        }

        (await state.BalanceForAddressAsync(Payee, CancellationToken.None)).ShouldBe(2_000_000UL);
        (await state.BalanceForAddressAsync(vault, CancellationToken.None)).ShouldBe(3_000_000UL); // deposits − payouts

        var list = await FontanaProcess.RunAsync(_home.Path, "withdrawals", "--node", devnet.Url, "--wallet", wallet);
        list.ExitCode.ShouldBe(0, list.Err);
        list.Out.ShouldContain(txId[..16]);
        list.Out.ShouldContain("confirmed");
    }

    [Fact]
    public async Task Withdraw_MalformedL1Address_Exit1BadL1Address_BalanceUnchanged()
    {
        var wallet = _home.Combine("wallet.key");
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        using var node = new FontanaClient(new Uri(devnet.Url));
        var before = (await node.GetBalanceAsync(Address.Parse(devnet.Address))).Balance;

        var run = await FontanaProcess.RunAsync(_home.Path, "withdraw", "--amount", "1 TIA", "--l1-address", "foo", "--node", devnet.Url, "--wallet", wallet);

        run.ExitCode.ShouldBe(1);
        run.Err.ShouldStartWith("error bad-l1-address:");
        (await node.GetBalanceAsync(Address.Parse(devnet.Address))).Balance.ShouldBe(before);
    }

    public void Dispose() => _home.Dispose();

    private static async Task<Amount> SupplyAsync(FontanaClient node, Address wallet, string feeAddress) =>
        Amount.ParseUtia((await node.GetBalanceAsync(wallet)).Balance) + Amount.ParseUtia((await node.GetBalanceAsync(Address.Parse(feeAddress))).Balance);
}
