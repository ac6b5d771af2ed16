using System.Text.Json;
using Fontana.Cli;
using Fontana.Core;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;

namespace Fontana.Sdk.Tests.Cli;

/// <summary><c>fontana budget</c>, <c>permissions</c> and <c>receipts</c> against a real wallet file and its SQLite store.</summary>
public sealed class BudgetCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-cli-budget-").FullName;
    private readonly string _wallet;
    private readonly Address _address;

    public BudgetCommandTests()
    {
        _wallet = Path.Combine(_directory, "wallet.key");
        using var wallet = Fontana.Sdk.Wallet.WalletKeyFile.Create(_wallet);
        _address = wallet.Address;
    }

    [Fact]
    public async Task BudgetSetThenShow_LimitsStoredNextToTheWallet()
    {
        var payTo = new Address(Fontana.Core.Crypto.PrivateKey.Generate().PublicKey);

        (await Run("budget", "set", "payto:" + payTo, "--total", "0.5 TIA", "--per-hour", "1000utia", "--expires", "24h")).Exit.ShouldBe(0);
        var (exit, stdout, _) = await Run("budget", "show", "--json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var row = json.RootElement.GetProperty("permissions")[0];
        row.GetProperty("scope").GetString().ShouldBe("payto:" + payTo);
        row.GetProperty("total").GetString().ShouldBe("500000");
        row.GetProperty("perHour").GetString().ShouldBe("1000");
        using var store = WalletStore.OpenSqlite(Path.Combine(_directory, "wallet.db"), _address);
        store.CreateSpendingPolicy().Get(PermissionScope.ForPayTo(payTo))!.Limits.Total.ShouldBe(Amount.FromUtia(500_000));
    }

    [Fact]
    public async Task PermissionsDenyListRevoke_RoundTrip()
    {
        (await Run("permissions", "deny", "https://evil.example")).Exit.ShouldBe(0);
        var (_, listed, _) = await Run("permissions", "list");
        listed.ShouldContain("origin:https://evil.example  deny");
        (await Run("permissions", "revoke", "origin:https://evil.example")).Exit.ShouldBe(0);
        var (exit, _, stderr) = await Run("permissions", "revoke", "origin:https://evil.example");
        exit.ShouldBe(1);
        stderr.ShouldContain("permission-not-found");
    }

    [Fact]
    public async Task PermissionsGrant_BadScopeOrAmount_BadArgumentNothingWritten()
    {
        (await Run("permissions", "grant", "ftp://x")).Stderr.ShouldContain("bad-argument");
        (await Run("budget", "set", "app:agent", "--total", "lots")).Exit.ShouldNotBe(0);
        File.Exists(Path.Combine(_directory, "wallet.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task Receipts_StoreOfAnotherWallet_StoreWrongWalletExit1()
    {
        var other = new Address(Fontana.Core.Crypto.PrivateKey.Generate().PublicKey);
        WalletStore.OpenSqlite(Path.Combine(_directory, "wallet.db"), other).Dispose();

        var (exit, _, stderr) = await Run("receipts");

        exit.ShouldBe(1);
        stderr.ShouldContain("store-wrong-wallet");
    }

    [Fact]
    public async Task Receipts_CorruptStore_StoreCorruptExit1()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "wallet.db"), new string('x', 4096));

        var (exit, _, stderr) = await Run("receipts", "--verify");

        exit.ShouldBe(1);
        stderr.ShouldContain("store-corrupt");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--wallet", _wallet], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
