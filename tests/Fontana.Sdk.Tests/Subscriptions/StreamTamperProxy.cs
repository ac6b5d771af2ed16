using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Subscriptions;

/// <summary>
/// A man in the middle on real Kestrel (127.0.0.1): forwards a real node's HTTP API and its <c>/v1/stream</c> WebSocket
/// both ways, passing each server message through <see cref="Rewrite"/> (change it, or return null to drop it) and
/// optionally cutting the first connection in the middle of one header's frame.
/// </summary>
internal sealed class StreamTamperProxy : IAsyncDisposable
{
    private readonly Uri _upstream;
    private readonly HttpClient _http = new();
    private int _connections;

    private StreamTamperProxy(Uri upstream) => _upstream = upstream;

    public KestrelHost Host { get; private set; } = null!;

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>Rewrites (or drops, with null) a server message; arguments: connection number (1 = first), message.</summary>
    public Func<int, StreamEventDto, StreamEventDto?> Rewrite { get; set; } = (_, message) => message;

    /// <summary>On the first connection, the header at this height is sent half way, then the connection is aborted.</summary>
    public ulong? CutFirstConnectionAtHeight { get; set; }

    /// <summary>Stream connections the proxy accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static async Task<StreamTamperProxy> StartAsync(Uri upstream)
    {
        var proxy = new StreamTamperProxy(upstream);
        proxy.Host = await KestrelHost.StartAsync(new Dictionary<string, string?>(), _ => { }, app =>
        {
            app.UseWebSockets();
            app.Map("/v1/stream", proxy.StreamAsync);
            app.MapFallback(proxy.ForwardAsync);
        });
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var answer = await _http.GetAsync(new Uri(_upstream, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString));
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync());
    }

    private async Task StreamAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _connections);
        using var client = await context.WebSockets.AcceptWebSocketAsync();
        using var server = new ClientWebSocket();
        await server.ConnectAsync(new Uri(_upstream.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "v1/stream"), context.RequestAborted);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var up = PumpAsync(client, server, null, number, context, stop.Token);
        var down = PumpAsync(server, client, Rewrite, number, context, stop.Token);
        await Task.WhenAny(up, down);
        await stop.CancelAsync();
        server.Abort();
    }

    private async Task PumpAsync(
        WebSocket from, WebSocket to, Func<int, StreamEventDto, StreamEventDto?>? rewrite, int number, HttpContext context, CancellationToken stop)
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await from.ReceiveAsync(buffer.AsMemory(length), stop);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                var bytes = buffer.AsMemory(0, length);
                if (rewrite is not null)
                {
                    var message = JsonSerializer.Deserialize(bytes.Span, ApiJsonContext.Default.StreamEventDto)!;
                    if (number == 1 && CutFirstConnectionAtHeight is { } cut && message.Header?.Height == cut)
                    {
                        await to.SendAsync(bytes[..(length / 2)], WebSocketMessageType.Text, endOfMessage: false, stop);
                        context.Abort();
                        return;
                    }

                    if (rewrite(number, message) is not { } changed)
                    {
                        continue;
                    }

                    bytes = JsonSerializer.SerializeToUtf8Bytes(changed, ApiJsonContext.Default.StreamEventDto);
                }

                await to.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, stop);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Either side went away: the other pump stops too.
        }
    }
}
