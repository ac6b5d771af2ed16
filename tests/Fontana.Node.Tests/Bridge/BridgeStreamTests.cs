using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Bridge;

/// <summary>The bridge's status changes on <c>/v1/stream</c>: topic <c>bridge</c> carries every deposit and withdrawal
/// change; a depositor's <c>address</c> subscription and a withdrawal's <c>tx</c> subscription carry their own.</summary>
public sealed class BridgeStreamTests
{
    private static readonly TimeSpan EventPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Subscribe_DepositAndWithdrawal_SeenThenMinted_PendingPayingPaidConfirmed()
    {
        await using var bridge = await BridgeNode.StartAsync(vaultUtia: 100_000_000, confirmations: 2);
        var node = bridge.Node;
        using var user = PrivateKey.Generate();
        var depositor = new Address(user.PublicKey);
        var withdrawal = BridgeDaemonTests.Withdraw(node, 0, BridgeNode.Payee.Text);
        await using var all = await StreamClient.ConnectAsync(node.Host.WebSocketUri("v1/stream"));
        await all.SendAsync(new StreamRequestDto("subscribe", "bridge"));
        (await all.ReceiveAsync(EventPatience))!.Type.ShouldBe("subscribed");
        await using var mine = await StreamClient.ConnectAsync(node.Host.WebSocketUri("v1/stream"));
        await mine.SendAsync(new StreamRequestDto("subscribe", "address", Address: depositor.ToString()));
        await mine.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: withdrawal.TxId.ToString()));
        (await mine.ReceiveAsync(EventPatience))!.Type.ShouldBe("subscribed");
        (await mine.ReceiveAsync(EventPatience))!.Type.ShouldBe("subscribed");

        var hash = bridge.L1.SendWithMemo(BridgeNode.Faucet, BridgeNode.Vault, 5_000_000, depositor.ToString());
        var firstSeen = await all.ReceiveTypeAsync("deposit", EventPatience);
        firstSeen.Status.ShouldBe("seen");
        firstSeen.Deposit!.Confirmations.ShouldBe(1);
        bridge.L1.ProduceBlocks(1); // the second confirmation
        var events = new List<StreamEventDto> { firstSeen };
        await ReadUntilAsync(all, events, e => e is { Type: "deposit", Status: "minted" });
        (await BridgeDaemonTests.Submit(node, withdrawal)).EnsureSuccessStatusCode(); // after the mint: its payout adds an L1 block
        await ReadUntilAsync(all, events, e => e is { Type: "withdrawal", Status: "confirmed" });

        var deposits = events.Where(e => e.Type == "deposit").ToList();
        deposits.ShouldAllBe(e => e.Deposit!.L1TxHash == hash && e.Address == depositor.ToString());
        deposits.Select(e => $"{e.Status} {e.Deposit!.Confirmations}").ShouldBe(["seen 1", "seen 2", "minted 2"]);
        deposits[^1].Deposit!.MintTxId.ShouldNotBeNull();
        deposits[^1].TxId.ShouldBe(deposits[^1].Deposit!.MintTxId);
        var withdrawals = events.Where(e => e.Type == "withdrawal").ToList();
        withdrawals.ShouldAllBe(e => e.TxId == withdrawal.TxId.ToString() && e.Withdrawal!.L1Address == BridgeNode.Payee.Text);
        withdrawals.Select(e => e.Status).ShouldBe(["pending", "paying", "paid", "confirmed"]);
        withdrawals[2].Withdrawal!.L1TxHash.ShouldBe(bridge.L1.TransfersFrom(BridgeNode.Vault).Single().Hash);

        // The depositor's address and the withdrawal's txid see the same changes (among their usual activity).
        var own = new List<StreamEventDto>();
        while (own.Count(e => e.Type is "deposit" or "withdrawal") < 7)
        {
            own.Add(await mine.ReceiveAsync(EventPatience) ?? throw new InvalidOperationException("the stream closed"));
        }

        own.Where(e => e.Type == "deposit").Select(e => $"{e.Topic} {e.Status}").ShouldBe(["address seen", "address seen", "address minted"]);
        own.Where(e => e.Type == "withdrawal").Select(e => $"{e.Topic} {e.Status}").ShouldBe(["tx pending", "tx paying", "tx paid", "tx confirmed"]);
    }

    private static async Task ReadUntilAsync(StreamClient client, List<StreamEventDto> events, Func<StreamEventDto, bool> last)
    {
        while (true)
        {
            var next = await client.ReceiveAsync(EventPatience) ?? throw new InvalidOperationException("the stream closed");
            next.Topic.ShouldBe("bridge");
            events.Add(next);
            if (last(next))
            {
                return;
            }
        }
    }
}
