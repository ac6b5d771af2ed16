using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;

namespace Fontana.Node.Streaming;

/// <summary>Runs one WebSocket: a receive loop handling subscribe / unsubscribe / ping and a send loop draining the
/// connection's outbox. A client that overflows its outbox is closed with 1008; one that sends an oversized
/// message with 1009.</summary>
internal sealed class StreamSession(WebSocket socket, StreamConnection connection, StreamHub hub, ITxStatusSource? statuses, ILogger logger)
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
            case "subscribe":
            case "unsubscribe":
                break;
            default:
                Reply(Error(ErrorCodes.UnknownOp, $"unknown op \"{request.Op}\"; expected subscribe, unsubscribe or ping"));
                return;
        }

        if (!TryParse(request, out var subscription, out var error))
        {
            Reply(error);
            return;
        }

        if (request.Op == "unsubscribe")
        {
            hub.Unsubscribe(connection, subscription);
            Reply(Ack("unsubscribed", request));
            return;
        }

        if (!hub.Subscribe(connection, subscription))
        {
            Reply(Error(ErrorCodes.TooManySubscriptions, $"a connection may hold {hub.Options.MaxSubscriptionsPerConnection} subscriptions"));
            return;
        }

        Reply(Ack("subscribed", request));
        if (subscription.Topic == StreamTopics.Tx && statuses is not null
            && await statuses.CurrentStatusAsync(subscription.TxId, stop) is { } current)
        {
            Reply(current);
        }
    }

    private static bool TryParse(StreamRequestDto request, out StreamSubscription subscription, out StreamEventDto error)
    {
        subscription = default;
        error = null!;
        switch (request.Topic)
        {
            case StreamTopics.Headers:
                subscription = new StreamSubscription(StreamTopics.Headers);
                return true;
            case StreamTopics.Tx when Hash32.TryParse(request.TxId, out var txId) && request.TxId!.Length == 64:
                subscription = new StreamSubscription(StreamTopics.Tx, TxId: txId);
                return true;
            case StreamTopics.Tx:
                error = Error(ErrorCodes.BadTxId, "topic \"tx\" needs \"txId\": 64 hex characters");
                return false;
            case StreamTopics.Address when Address.TryParse(request.Address, out var address, out _):
                subscription = new StreamSubscription(StreamTopics.Address, Address: address);
                return true;
            case StreamTopics.Address:
                error = Error(ErrorCodes.BadAddress, "topic \"address\" needs \"address\": a fnt1… address");
                return false;
            default:
                error = Error(ErrorCodes.MalformedJson, $"unknown topic \"{request.Topic}\"; expected headers, tx or address");
                return false;
        }
    }

    private static StreamEventDto Ack(string type, StreamRequestDto request) =>
        new(type, request.Topic, TxId: request.TxId, Address: request.Address);

    private static StreamEventDto Error(string code, string message) => new("error", Code: code, Message: message);

    private void Reply(StreamEventDto message) => connection.TryEnqueue(StreamHub.Serialize(message));
}
