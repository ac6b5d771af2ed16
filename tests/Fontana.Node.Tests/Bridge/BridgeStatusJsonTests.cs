using System.Net;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Bridge;

/// <summary>The bridge status answers leave absent fields out, like every node answer (docs/node.md): never <c>null</c>.</summary>
public sealed class BridgeStatusJsonTests
{
    [Fact]
    public async Task WithdrawalStatus_Pending_NoReasonNoHashesAndNoNulls()
    {
        await using var node = await TestNode.StartAsync();
        var tx = BridgeDaemonTests.Withdraw(node, 0, BridgeNode.Payee.Text);
        (await BridgeDaemonTests.Submit(node, tx)).EnsureSuccessStatusCode();

        var json = await node.Http.GetStringAsync($"v1/withdrawals/{tx.TxId}");

        Names(json).ShouldBe(["txId", "status", "l1Address", "amount", "createdAt", "updatedAt"], ignoreOrder: true);
        json.ShouldNotContain("null");
        var list = await node.Http.GetStringAsync("v1/withdrawals");
        list.ShouldNotContain("null");
    }

    [Fact]
    public async Task DepositStatus_Seen_NoMintTxIdNoReasonAndNoNulls()
    {
        await using var bridge = await BridgeNode.StartAsync(confirmations: 3);
        using var user = PrivateKey.Generate();
        var hash = bridge.L1.SendWithMemo(BridgeNode.Faucet, BridgeNode.Vault, 1_000, new Address(user.PublicKey).ToString());
        string? json = null;
        await Wait.UntilAsync(
            async () =>
            {
                using var response = await bridge.Node.Http.GetAsync($"v1/deposits/{hash}");
                json = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
                return json is not null;
            },
            BridgeNode.Patience, "the deposit seen");

        using var doc = JsonDocument.Parse(json!);
        var deposit = doc.RootElement.GetProperty("deposits")[0];
        deposit.GetProperty("status").GetString().ShouldBe("seen");
        deposit.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["l1TxHash", "messageIndex", "status", "confirmations", "requiredConfirmations", "l1Height", "from", "amount", "memo", "seenAt", "updatedAt"],
            ignoreOrder: true);
        json!.ShouldNotContain("null");
    }

    [Fact]
    public async Task TransactionStatus_Pending_NoNulls()
    {
        await using var node = await TestNode.StartAsync();
        using var recipient = PrivateKey.Generate();
        var tx = node.Transfer(0, new Address(recipient.PublicKey), Amount.FromTia(1));
        (await BridgeDaemonTests.Submit(node, tx)).EnsureSuccessStatusCode();

        (await node.Http.GetStringAsync($"v1/transactions/{tx.TxId}")).ShouldNotContain("null");
    }

    private static List<string> Names(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
