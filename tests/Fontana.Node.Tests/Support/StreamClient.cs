using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fontana.Core.Api;

namespace Fontana.Node.Tests.Support;

/// <summary>A test WebSocket client for <c>/v1/stream</c>: sends requests, reads events with a timeout.</summary>
internal sealed class StreamClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocket Socket => _socket;

    public static async Task<StreamClient> ConnectAsync(Uri uri)
    {
        var client = new StreamClient();
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        return client;
    }

    public Task SendAsync(StreamRequestDto request) =>
        SendRawAsync(JsonSerializer.Serialize(request, ApiJsonContext.Default.StreamRequestDto));

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next event, or null when the server closed the socket.</summary>
    public async Task<StreamEventDto?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonSerializer.Deserialize(buffer.AsSpan(0, length), ApiJsonContext.Default.StreamEventDto);
    }

    /// <summary>Reads until an event of <paramref name="type"/> arrives (skipping others).</summary>
    public async Task<StreamEventDto> ReceiveTypeAsync(string type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout) ?? throw new InvalidOperationException($"socket closed while waiting for '{type}'");
            if (message.Type == type)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Server already gone.
            }
        }

        _socket.Dispose();
    }
}
