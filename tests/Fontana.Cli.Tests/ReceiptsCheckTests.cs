using Fontana.Core;
using Fontana.Sdk;

namespace Fontana.Cli.Tests;

/// <summary><c>fontana receipts --check</c>: a command-line wallet has no background monitor between calls, so the
/// command asks the node once for what the monitor would — against a real devnet process and the real CLI.</summary>
public sealed class ReceiptsCheckTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("receipts-check");
    private DevnetProcess _devnet = null!;
    private string _wallet = string.Empty;

    public async Task InitializeAsync()
    {
        _wallet = _home.Combine("wallet.key");
        _devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), _wallet, FontanaProcess.FreePort());
    }

    public async Task DisposeAsync()
    {
        await _devnet.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Check_PaidCallWhoseBlockIsSealed_FinalReceiptStoredAndVerifiesOffline()
    {
        var txId = await PayOnceAsync();
        using var node = new FontanaClient(new Uri(_devnet.Url));
        await Eventually.TrueAsync(async () => await node.GetFinalReceiptAsync(txId) is not null, TimeSpan.FromSeconds(60), "the payment's block is sealed");
        (await PaymentAsync()).GetProperty("final").GetBoolean().ShouldBeFalse("before --check the store has only the provisional receipt");

        var check = await RunAsync("receipts", "--check", "--json");

        check.ExitCode.ShouldBe(0, check.ToString());
        check.ParseJson().GetProperty("checked").GetInt32().ShouldBe(1);
        var verify = await RunAsync("receipts", "--verify", "--json");
        verify.ExitCode.ShouldBe(0, verify.ToString());
        var row = verify.ParseJson().GetProperty("payments").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("final").GetBoolean().ShouldBeTrue();
        row.GetProperty("state").GetString().ShouldBe("settled");
        row.GetProperty("verification").GetString().ShouldBe("verified");
    }

    [Fact]
    public async Task Check_NodeUnreachable_NodeUnreachableExit1StoreUnchanged()
    {
        await PayOnceAsync();

        var check = await FontanaProcess.RunAsync(_home.Path, ["receipts", "--check", "--wallet", _wallet, "--node", "http://127.0.0.1:1"]);

        check.ExitCode.ShouldBe(1, check.ToString());
        check.Err.ShouldStartWith("error node-unreachable: ");
        var row = await PaymentAsync();
        row.GetProperty("state").GetString().ShouldBe("settled");
        row.GetProperty("final").GetBoolean().ShouldBeFalse();
    }

    private async Task<Hash32> PayOnceAsync()
    {
        var call = await RunAsync("call", _devnet.Url + "/demo/fortune");
        call.ExitCode.ShouldBe(0, call.ToString());
        return Hash32.Parse((await PaymentAsync()).GetProperty("txId").GetString()!);
    }

    private async Task<System.Text.Json.JsonElement> PaymentAsync()
    {
        var list = await RunAsync("receipts", "--json");
        list.ExitCode.ShouldBe(0, list.ToString());
        return list.ParseJson().GetProperty("payments").EnumerateArray().ShouldHaveSingleItem();
    }

    private Task<CliRun> RunAsync(params string[] args) =>
        FontanaProcess.RunAsync(_home.Path, [.. args, "--wallet", _wallet, "--node", _devnet.Url]);
}
