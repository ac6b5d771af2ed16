using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Core.Crypto;
using Fontana.Node.Streaming;
using Fontana.Node.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Streaming;

public sealed class StreamEndpointTests : IAsyncLifetime
{
    private static readonly HeaderDto SampleHeader = new(7, new string('a', 64), new string('b', 64), 1_700_000_000_000, 0,
        new string('c', 64), new string('d', 64), new string('e', 128), "AAAA");

    private KestrelHost _host = null!;
    private readonly FakeStatuses _statuses = new();

    public async Task InitializeAsync()
    {
        _host = await KestrelHost.StartAsync(
            new Dictionary<string, string?> { ["Fontana:Stream:ConnectionBufferCapacity"] = "4" },
            b =>
            {
                b.Services.AddFontanaNodeOptions(b.Configuration).AddFontanaNodeMetrics().AddFontanaNodeApi().AddFontanaStream();
                b.Services.AddSingleton<ITxStatusSource>(_statuses);
            },
            app =>
            {
                app.UseWebSockets();
                app.MapGroup("/v1").MapStream();
            });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private StreamHub Hub => _host.Services.GetRequiredService<StreamHub>();

    [Fact]
    public async Task Get_WithoutUpgrade_ProblemWebSocketRequired()
    {
        using var response = await _host.Http.GetAsync("v1/stream");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await CodeOf(response)).ShouldBe(ErrorCodes.WebSocketRequired);
    }

    [Fact]
    public async Task SubscribeHeaders_HeaderPublished_ClientReceivesIt()
    {
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "headers"));
        (await client.ReceiveAsync())!.Type.ShouldBe("subscribed");

        Hub.PublishHeader(SampleHeader);

        var message = await client.ReceiveTypeAsync("header");
        message.Header.ShouldBe(SampleHeader);
    }

    [Fact]
    public async Task SubscribeTx_StatusChanges_ClientReceivesThemInOrder()
    {
        var txId = Hash32.Compute("tx"u8);
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: txId.ToString()));
        (await client.ReceiveAsync())!.Type.ShouldBe("subscribed");

        Hub.PublishTxStatus(Hash32.Compute("other"u8), "pending");
        Hub.PublishTxStatus(txId, "pending");
        Hub.PublishTxStatus(txId, "sealed", 3, new string('f', 64));
        Hub.PublishTxStatus(txId, "posted", 3, new string('f', 64), "local:3::abc=");

        var statuses = new[] { await client.ReceiveAsync(), await client.ReceiveAsync(), await client.ReceiveAsync() };
        statuses.Select(s => s!.Status).ShouldBe(["pending", "sealed", "posted"]);
        statuses.ShouldAllBe(s => s!.TxId == txId.ToString());
        statuses[2]!.DaReference.ShouldBe("local:3::abc=");
    }

    [Fact]
    public async Task SubscribeTx_SealedPublishedBeforePending_PendingSealedOnceInOrder()
    {
        var txId = Hash32.Compute("raced"u8);
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: txId.ToString()));
        (await client.ReceiveAsync())!.Type.ShouldBe("subscribed");

        // The block producer sealed the transaction before the API thread that accepted it published pending.
        Hub.PublishTxStatus(txId, "sealed", 4, new string('f', 64));
        Hub.PublishTxStatus(txId, "pending");
        Hub.PublishTxStatus(txId, "sealed", 4, new string('f', 64));
        Hub.PublishTxStatus(txId, "posted", 4, new string('f', 64), "local:4::abc=");

        var statuses = new[] { await client.ReceiveAsync(), await client.ReceiveAsync(), await client.ReceiveAsync() };
        statuses.Select(s => s!.Status).ShouldBe(["pending", "sealed", "posted"]);
        statuses[0]!.BlockHeight.ShouldBeNull();
        statuses[1]!.BlockHeight.ShouldBe(4UL);
        statuses[1]!.DaReference.ShouldBeNull();
        await client.SendAsync(new StreamRequestDto("ping"));
        (await client.ReceiveAsync())!.Type.ShouldBe("pong"); // the late pending and the second sealed were dropped
    }

    [Fact]
    public async Task SubscribeTx_PostedFirst_EarlierStagesFilledFromIt()
    {
        var txId = Hash32.Compute("posted-first"u8);
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: txId.ToString()));
        (await client.ReceiveAsync())!.Type.ShouldBe("subscribed");

        Hub.PublishTxStatus(txId, "posted", 5, new string('e', 64), "local:5::abc=");

        var statuses = new[] { await client.ReceiveAsync(), await client.ReceiveAsync(), await client.ReceiveAsync() };
        statuses.Select(s => s!.Status).ShouldBe(["pending", "sealed", "posted"]);
        statuses[1]!.BlockHash.ShouldBe(new string('e', 64));
        statuses[2]!.DaReference.ShouldBe("local:5::abc=");
    }

    [Fact]
    public async Task SubscribeTx_ResubscribedAfterUnsubscribe_CurrentStatusSentAgain()
    {
        var txId = Hash32.Compute("again"u8);
        _statuses.Known[txId] = new StreamEventDto("tx", "tx", txId.ToString(), Status: "pending");
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: txId.ToString()));
        await client.ReceiveTypeAsync("subscribed");
        (await client.ReceiveTypeAsync("tx")).Status.ShouldBe("pending");

        await client.SendAsync(new StreamRequestDto("unsubscribe", "tx", TxId: txId.ToString()));
        await client.ReceiveTypeAsync("unsubscribed");
        await client.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: txId.ToString()));
        await client.ReceiveTypeAsync("subscribed");

        (await client.ReceiveTypeAsync("tx")).Status.ShouldBe("pending");
    }

    [Fact]
    public async Task SubscribeTx_StatusAlreadyKnown_CurrentStatusSentAfterAck()
    {
        var txId = Hash32.Compute("known"u8);
        _statuses.Known[txId] = new StreamEventDto("tx", "tx", txId.ToString(), Status: "sealed", BlockHeight: 9);
        await using var client = await Connect();

        await client.SendAsync(new StreamRequestDto("subscribe", "tx", TxId: txId.ToString()));

        (await client.ReceiveAsync())!.Type.ShouldBe("subscribed");
        var current = await client.ReceiveAsync();
        current!.Status.ShouldBe("sealed");
        current.BlockHeight.ShouldBe(9UL);
    }

    [Fact]
    public async Task SubscribeAddress_ActivityPublished_ClientReceivesIt()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        var txId = Hash32.Compute("pay"u8);
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "address", Address: address.ToString()));
        (await client.ReceiveAsync())!.Type.ShouldBe("subscribed");

        Hub.PublishAddressActivity(address, txId, "pending");

        var message = await client.ReceiveTypeAsync("address");
        message.Address.ShouldBe(address.ToString());
        message.TxId.ShouldBe(txId.ToString());
        message.Status.ShouldBe("pending");
    }

    [Fact]
    public async Task Unsubscribe_AfterwardsPublished_NothingDelivered()
    {
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "headers"));
        await client.ReceiveTypeAsync("subscribed");
        await client.SendAsync(new StreamRequestDto("unsubscribe", "headers"));
        await client.ReceiveTypeAsync("unsubscribed");

        Hub.PublishHeader(SampleHeader);
        await client.SendAsync(new StreamRequestDto("ping"));

        (await client.ReceiveAsync())!.Type.ShouldBe("pong");
    }

    [Theory]
    [InlineData("{\"op\":\"subscribe\",\"topic\":\"tx\",\"txId\":\"zz\"}", ErrorCodes.BadTxId)]
    [InlineData("{\"op\":\"subscribe\",\"topic\":\"address\",\"address\":\"fnt1nope\"}", ErrorCodes.BadAddress)]
    [InlineData("{\"op\":\"dance\"}", ErrorCodes.UnknownOp)]
    [InlineData("{not json", ErrorCodes.MalformedJson)]
    [InlineData("{\"op\":\"subscribe\",\"topic\":\"weather\"}", ErrorCodes.MalformedJson)]
    public async Task Request_Invalid_ErrorWithCodeAndConnectionStaysOpen(string request, string code)
    {
        await using var client = await Connect();

        await client.SendRawAsync(request);

        var error = await client.ReceiveAsync();
        error!.Type.ShouldBe("error");
        error.Code.ShouldBe(code);
        await client.SendAsync(new StreamRequestDto("ping"));
        (await client.ReceiveAsync())!.Type.ShouldBe("pong");
    }

    [Fact]
    public async Task SlowClient_BufferOverflows_ClosedWithPolicyViolation()
    {
        await using var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "headers"));
        await client.ReceiveTypeAsync("subscribed");

        // The client reads nothing while the node publishes far more than its 4-message buffer.
        for (var i = 0; i < 20_000; i++)
        {
            Hub.PublishHeader(SampleHeader);
        }

        var received = 0;
        while (await client.ReceiveAsync(TimeSpan.FromSeconds(15)) is not null)
        {
            received++;
        }

        client.Socket.CloseStatus.ShouldBe(WebSocketCloseStatus.PolicyViolation);
        received.ShouldBeLessThan(20_000);
        await WaitUntil(() => Hub.ConnectionCount == 0);
    }

    [Fact]
    public async Task Disconnect_ClientCloses_ConnectionReleased()
    {
        var client = await Connect();
        await client.SendAsync(new StreamRequestDto("subscribe", "headers"));
        await client.ReceiveTypeAsync("subscribed");
        Hub.ConnectionCount.ShouldBe(1);

        await client.DisposeAsync();

        await WaitUntil(() => Hub.ConnectionCount == 0);
        Hub.PublishHeader(SampleHeader); // no subscriber left: nothing to do, nothing thrown
    }

    private Task<StreamClient> Connect() => StreamClient.ConnectAsync(_host.WebSocketUri("v1/stream"));

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("code").GetString();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().ShouldBeTrue();
    }

    private sealed class FakeStatuses : ITxStatusSource
    {
        public Dictionary<Hash32, StreamEventDto> Known { get; } = [];

        public ValueTask<StreamEventDto?> CurrentStatusAsync(Hash32 txId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Known.TryGetValue(txId, out var e) ? e : null);
    }
}
