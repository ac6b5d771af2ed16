using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Transports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Transports;

/// <summary>Subscriptions across dropped connections: resumed from the last height, nothing lost, nothing repeated.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class StreamResumeTests
{
    [Fact]
    public async Task NodeProtocol_SubscribeHeadersFromHeight_ReplaysThenLiveWithoutGapOrRepeat()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await chain.Ledger.SealAsync();
        await chain.Ledger.SealAsync();
        await chain.Ledger.SealAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(chain.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "v1/stream"), CancellationToken.None);
        await SendAsync(socket, new StreamRequestDto("subscribe", "headers", FromHeight: 1));

        (await ReceiveAsync(socket)).Type.ShouldBe("subscribed");
        var replayed = new List<ulong>();
        for (var i = 0; i < 3; i++)
        {
            replayed.Add((await ReceiveAsync(socket)).Header!.Height);
        }

        await chain.Ledger.SealAsync();
        var live = await ReceiveAsync(socket);

        replayed.ShouldBe([1UL, 2UL, 3UL]);
        live.Header!.Height.ShouldBe(4UL);
    }

    [Fact]
    public async Task NodeProtocol_RequestOp_AnswersLikeHttp()
    {
        await using var chain = await LiveChain.StartAsync([]);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(chain.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "v1/stream"), CancellationToken.None);

        await SendAsync(socket, new StreamRequestDto("request", Id: "a", Method: "GET", Path: "v1/info"));
        var info = await ReceiveAsync(socket);
        await SendAsync(socket, new StreamRequestDto("request", Id: "b", Method: "GET", Path: "v1/transactions/" + new string('0', 64)));
        var missing = await ReceiveAsync(socket);
        await SendAsync(socket, new StreamRequestDto("request", Id: "c", Method: "GET", Path: "health/ready"));
        var refused = await ReceiveAsync(socket);

        info.Type.ShouldBe("response");
        info.Id.ShouldBe("a");
        info.StatusCode.ShouldBe(200);
        JsonSerializer.Deserialize(info.Body!, ApiJsonContext.Default.NodeInfo)!.ChainId.ShouldBe(LiveChain.ChainId);
        missing.StatusCode.ShouldBe(404);
        missing.Body!.ShouldContain("not-found");
        refused.Type.ShouldBe("error");
        refused.Code.ShouldBe("bad-request");
    }

    [Fact]
    public async Task WebSocketTransport_TwoSubscriptionsToOneTopic_EndingOneKeepsTheOther()
    {
        // The node registers a topic once per connection: the first subscription's end must not unsubscribe the second.
        await using var chain = await LiveChain.StartAsync([]);
        await using var transport = new WebSocketNodeTransport(chain.BaseAddress);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var second = transport.StreamAsync(new StreamRequestDto("subscribe", "headers"), stop.Token).GetAsyncEnumerator(stop.Token);
        (await TransportSuiteTests.NextAsync(second)).Type.ShouldBe("subscribed");
        await using (var first = transport.StreamAsync(new StreamRequestDto("subscribe", "headers"), stop.Token).GetAsyncEnumerator(stop.Token))
        {
            (await TransportSuiteTests.NextAsync(first)).Type.ShouldBe("subscribed");
            await chain.Ledger.SealAsync();
            (await TransportSuiteTests.NextAsync(first)).Header!.Height.ShouldBe(1UL);
        }

        (await transport.SendAsync(NodeRequest.Get("v1/info"), stop.Token)).Status.ShouldBe(200);   // the node has read what came before
        await chain.Ledger.SealAsync();

        (await TransportSuiteTests.NextAsync(second)).Header!.Height.ShouldBe(1UL);
        (await TransportSuiteTests.NextAsync(second)).Header!.Height.ShouldBe(2UL, "still registered after the other subscription ended");
    }

    [Fact]
    public async Task WebSocketTransport_ConnectionAborted_ResumesHeadersExactlyOnce()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await using var transport = new WebSocketNodeTransport(chain.BaseAddress);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var headers = transport.StreamAsync(new StreamRequestDto("subscribe", "headers"), stop.Token).GetAsyncEnumerator(stop.Token);
        (await TransportSuiteTests.NextAsync(headers)).Type.ShouldBe("subscribed");
        await chain.Ledger.SealAsync();
        (await TransportSuiteTests.NextAsync(headers)).Header!.Height.ShouldBe(1UL);

        transport.AbortConnection();
        await chain.Ledger.SealAsync();
        await chain.Ledger.SealAsync();
        var seen = new List<ulong>();
        while (seen.Count < 3)
        {
            var message = await TransportSuiteTests.NextAsync(headers);
            if (message.Type == "header")
            {
                seen.Add(message.Header!.Height);
                if (seen.Count == 2)
                {
                    await chain.Ledger.SealAsync();
                }
            }
        }

        seen.ShouldBe([2UL, 3UL, 4UL]);
        transport.ConnectionCount.ShouldBe(2);
    }

    [Fact]
    public async Task WebSocketTransport_StreamDropsMidEvent_PartialEventDiscardedAndResumed()
    {
        // A node that sends header 1, half of header 2, then drops; on the next connection it expects fromHeight 2.
        var connections = 0;
        var resumedFrom = new TaskCompletionSource<ulong?>();
        var firstHeaderSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await KestrelHost.StartAsync(
            new Dictionary<string, string?>(),
            _ => { },
            app =>
            {
                app.UseWebSockets();
                app.Map("/v1/stream", async (HttpContext context) =>
                {
                    using var socket = await context.WebSockets.AcceptWebSocketAsync();
                    var request = await ReceiveRequestAsync(socket);
                    var first = Interlocked.Increment(ref connections) == 1;
                    await SendAsync(socket, new StreamEventDto("subscribed", "headers", Id: request.Id));
                    if (first)
                    {
                        await SendAsync(socket, Header(1));
                        await firstHeaderSeen.Task;
                        var half = JsonSerializer.SerializeToUtf8Bytes(Header(2), ApiJsonContext.Default.StreamEventDto);
                        await socket.SendAsync(half.AsMemory(0, half.Length / 2), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);
                        context.Abort();
                        return;
                    }

                    resumedFrom.TrySetResult(request.FromHeight);
                    await SendAsync(socket, Header(2));
                    await SendAsync(socket, Header(3));
                    await ReceiveRequestAsync(socket).ContinueWith(static _ => { }, TaskScheduler.Default);
                });
            });
        await using var transport = new WebSocketNodeTransport(host.BaseAddress, new WebSocketNodeTransportOptions { ReconnectDelay = TimeSpan.FromMilliseconds(1) });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var heights = new List<ulong>();
        try
        {
            await foreach (var message in transport.StreamAsync(new StreamRequestDto("subscribe", "headers"), stop.Token))
            {
                if (message.Type == "header")
                {
                    heights.Add(message.Header!.Height);
                    firstHeaderSeen.TrySetResult();
                }

                if (heights.Count == 3)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"stuck after heights [{string.Join(",", heights)}], server connections {connections}, client connections {transport.ConnectionCount}");
        }

        heights.ShouldBe([1UL, 2UL, 3UL]);
        (await resumedFrom.Task).ShouldBe(2UL);
    }

    private static StreamEventDto Header(ulong height) =>
        new("header", "headers", Header: new HeaderDto(height, new string('a', 64), new string('b', 64), height, 0, new string('0', 64), new string('0', 64), new string('0', 128), string.Empty));

    private static async Task<StreamRequestDto> ReceiveRequestAsync(WebSocket socket)
    {
        var buffer = new byte[8192];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        return JsonSerializer.Deserialize(buffer.AsSpan(0, result.Count), ApiJsonContext.Default.StreamRequestDto)!;
    }

    private static Task SendAsync(WebSocket socket, StreamEventDto message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, ApiJsonContext.Default.StreamEventDto), WebSocketMessageType.Text, true, CancellationToken.None);

    private static Task SendAsync(WebSocket socket, StreamRequestDto message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, ApiJsonContext.Default.StreamRequestDto), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<StreamEventDto> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonSerializer.Deserialize(buffer.AsSpan(0, length), ApiJsonContext.Default.StreamEventDto)!;
    }
}
