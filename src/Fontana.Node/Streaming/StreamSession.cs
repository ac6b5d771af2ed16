using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Core.Errors;

namespace Fontana.Node.Streaming;

/// <summary>Runs one WebSocket: a receive loop handling subscribe / unsubscribe / ping and a send loop draining the
/// connection's outbox. A client that overflows its outbox is closed with 1008; one that sends an oversized
/// message with 1009.</summary>
internal sealed class StreamSession(
    WebSocket socket, StreamConnection connection, StreamHub hub, StreamSubscriber subscriber, StreamRequestRunner? requests, ILogger logger)
{
    private (WebSocketCloseStatus Status, string Reason)? _closeRequest;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var sender = SendLoopAsync(stop.Token);
        var receiver = ReceiveLoopAsync(stop.Token);
        if (await Task.WhenAny(sender, receiver) == receiver)
        {
            // The client closed (or the server stops): let the sender drain what is queued, then close.
            connection.Complete();
        }
        else
        {
            // The sender ended first (slow client closed with 1008, or a send failed): give the client a moment
            // to answer the close, then stop receiving.
            stop.CancelAfter(TimeSpan.FromSeconds(2));
        }

        await Observe(receiver);
        connection.Complete();
        stop.CancelAfter(TimeSpan.FromSeconds(5));
        await Observe(sender);
        await stop.CancelAsync();
        if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            socket.Abort();
        }
    }

    private async Task Observe(Task loop)
    {
        try
        {
            await loop;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug(ex, "stream {Connection}: loop ended abnormally", connection.Id);
        }
    }

    private async Task SendLoopAsync(CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, connection.DroppedToken);
        var token = linked.Token;
        try
        {
            await foreach (var message in connection.Outbox.ReadAllAsync(token))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, token);
            }

            if (connection.Overflowed)
            {
                logger.LogWarning("stream {Connection}: client too slow, buffer of {Capacity} messages full; closing with 1008", connection.Id, hub.Options.ConnectionBufferCapacity);
                await CloseAsync(StreamConnection.SlowClientStatus, "slow client: message buffer full", token);
            }
            else if (_closeRequest is { } close)
            {
                await CloseAsync(close.Status, close.Reason, token);
            }
            else if (socket.State == WebSocketState.CloseReceived)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", token);
            }
        }
        catch (OperationCanceledException) when (connection.Overflowed)
        {
            socket.Abort();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken token)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, reason, token);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken stop)
    {
        var buffer = new byte[hub.Options.MaxClientMessageBytes];
        while (!stop.IsCancellationRequested && !connection.Overflowed)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    // The sender owns SendAsync: it sends this close after draining the outbox.
                    _closeRequest = (WebSocketCloseStatus.MessageTooBig, $"messages are limited to {buffer.Length} bytes");
                    connection.Complete();
                    return;
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), stop);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType != WebSocketMessageType.Text)
            {
                Reply(Error(ErrorCodes.MalformedJson, "messages are JSON text"));
                continue;
            }

            await HandleAsync(buffer.AsMemory(0, length), stop);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> json, CancellationToken stop)
    {
        StreamRequestDto? request;
        try
        {
            request = JsonSerializer.Deserialize(json.Span, ApiJsonContext.Default.StreamRequestDto);
        }
        catch (JsonException ex)
        {
            Reply(Error(ErrorCodes.MalformedJson, $"not a stream request: {ex.Message}"));
            return;
        }

        if (request is null || string.IsNullOrEmpty(request.Op))
        {
            Reply(Error(ErrorCodes.MalformedJson, "a stream request needs \"op\""));
            return;
        }

        switch (request.Op)
        {
            case "ping":
                Reply(new StreamEventDto("pong"));
                return;
            case "request" when requests is not null:
                await requests.StartAsync(connection, request, stop);
                return;
            case "subscribe":
                if (await subscriber.SubscribeAsync(connection, request, stop) is { } failed)
                {
                    Reply(failed);
                }

                return;
            case "unsubscribe":
                if (!StreamSubscriber.TryParse(request, out var subscription, out var error))
                {
                    Reply(error);
                    return;
                }

                hub.Unsubscribe(connection, subscription);
                Reply(StreamSubscriber.Ack("unsubscribed", request));
                return;
            default:
                Reply(Error(ErrorCodes.UnknownOp, $"unknown op \"{request.Op}\"; expected subscribe, unsubscribe, ping or request"));
                return;
        }
    }

    private static StreamEventDto Error(string code, string message) => new("error", Code: code, Message: message);

    private void Reply(StreamEventDto message) => connection.TryEnqueue(StreamHub.Serialize(message));
}
