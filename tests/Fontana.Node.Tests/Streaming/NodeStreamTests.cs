using System.Net.Http.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Streaming;

/// <summary>/v1/stream on a running node: the block producer seals, the DA poster posts, subscribers follow.</summary>
public sealed class NodeStreamTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(blockInterval: TimeSpan.FromMilliseconds(200));

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task SubscribeTx_Submitted_PendingThenSealedThenPosted()
    {
        using var recipient = PrivateKey.Generate();
        var tx = _node.Transfer(0, new Address(recipient.PublicKey), Amount.FromTia(1));
        await using var client = await StreamClient.ConnectAsync(_node.Host.WebSocketUri("v1/stream"));
        await client.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: tx.TxId.ToString()));
        (await client.ReceiveAsync())!.Type.ShouldBe("subscribed");

        (await _node.Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest))
            .EnsureSuccessStatusCode();

        var statuses = new List<StreamEventDto>();
        while (statuses.Count == 0 || statuses[^1].Status != "posted")
        {
            statuses.Add(await client.ReceiveTypeAsync("tx"));
        }

        statuses.Select(s => s.Status).ShouldBe(["pending", "sealed", "posted"]);
        statuses[2].DaReference.ShouldStartWith("local:");
        statuses[1].BlockHeight.ShouldBe(statuses[2].BlockHeight);
    }

    [Fact]
    public async Task SubscribeHeaders_NodeRunning_EmptyBlocksArriveInOrder()
    {
        await using var client = await StreamClient.ConnectAsync(_node.Host.WebSocketUri("v1/stream"));
        await client.SendAsync(new StreamRequestDto("subscribe", "headers"));
        await client.ReceiveTypeAsync("subscribed");

        var first = (await client.ReceiveTypeAsync("header")).Header!;
        var second = (await client.ReceiveTypeAsync("header")).Header!;

        second.Height.ShouldBe(first.Height + 1);
        second.PreviousHash.ShouldBe(first.Hash);
        second.TxCount.ShouldBe(0u);
    }

    [Fact]
    public async Task SubscribeAddress_PaymentToIt_PendingAndSealedActivity()
    {
        using var recipient = PrivateKey.Generate();
        var address = new Address(recipient.PublicKey);
        var tx = _node.Transfer(1, address, Amount.FromTia(3));
        await using var client = await StreamClient.ConnectAsync(_node.Host.WebSocketUri("v1/stream"));
        await client.SendAsync(new StreamRequestDto("subscribe", "address", Address: address.ToString()));
        await client.ReceiveTypeAsync("subscribed");

        (await _node.Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest))
            .EnsureSuccessStatusCode();

        var pending = await client.ReceiveTypeAsync("address");
        var sealedActivity = await client.ReceiveTypeAsync("address");
        pending.Status.ShouldBe("pending");
        sealedActivity.Status.ShouldBe("sealed");
        sealedActivity.TxId.ShouldBe(tx.TxId.ToString());
        sealedActivity.BlockHeight.ShouldNotBeNull();
    }
}
