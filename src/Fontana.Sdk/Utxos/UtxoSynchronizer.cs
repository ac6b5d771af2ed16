using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core;
using Fontana.Sdk.Diagnostics;
using Fontana.Sdk.Payments;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Keeps a payer's cache in step with the node: a periodic refresh, and — while connected to <c>/v1/stream</c> — a
/// refresh whenever a transaction we did not make touches the wallet's address (a deposit, or another process
/// spending the same wallet). Reconnects with backoff; polling carries on while disconnected.
/// </summary>
internal sealed class UtxoSynchronizer(FontanaPayer payer, TimeSpan interval, bool useStream, TimeProvider time, ILogger logger) : IDisposable
{
    private const int OwnCapacity = 8192;
    private readonly ConcurrentDictionary<Hash32, byte> _own = new();
    private readonly ConcurrentQueue<Hash32> _ownOrder = new();
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private int _ownCount;
    private int _started;

    /// <summary>True while the stream is connected and subscribed.</summary>
    public bool StreamConnected { get; private set; }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        if (interval > TimeSpan.Zero)
        {
            _timer = time.CreateTimer(static state => ((UtxoSynchronizer)state!).RefreshInBackground(), this, interval, interval);
        }

        if (useStream)
        {
            _ = Task.Run(RunStreamAsync);
        }
    }

    /// <summary>Remembers one of our own transactions so its stream event does not trigger a refresh.</summary>
    public void RememberOwn(Hash32 txId)
    {
        if (!useStream || !_own.TryAdd(txId, 0))
        {
            return;
        }

        _ownOrder.Enqueue(txId);
        if (Interlocked.Increment(ref _ownCount) > OwnCapacity && _ownOrder.TryDequeue(out var oldest))
        {
            _own.TryRemove(oldest, out _);
            Interlocked.Decrement(ref _ownCount);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _timer?.Dispose();
        _stop.Dispose();
    }

    private void RefreshInBackground()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _ = payer.RefreshAsync(_stop.Token).ContinueWith(
            static (task, state) =>
            {
                if (task.Exception is { } ex)
                {
                    SdkLog.RefreshFailed((ILogger)state!, ex.GetBaseException());
                }
            },
            logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunStreamAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await ListenOnceAsync(_stop.Token).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (ex is WebSocketException or JsonException or HttpRequestException or InvalidOperationException)
            {
                SdkLog.StreamDisconnected(logger, ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                StreamConnected = false;
            }

            try
            {
                await Task.Delay(backoff, time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private async Task ListenOnceAsync(CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(StreamUri(payer.Node.NodeUrl), cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(SubscribeMessage(payer.Address), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        StreamConnected = true;

        // Anything may have happened while we were not listening.
        RefreshInBackground();
        var buffer = new byte[16 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (IsForeignActivity(buffer.AsSpan(0, length)))
            {
                RefreshInBackground();
            }
        }
    }

    private bool IsForeignActivity(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "address")
        {
            return false;
        }

        return !root.TryGetProperty("txId", out var txId) || !Hash32.TryParse(txId.GetString(), out var hash) || !_own.ContainsKey(hash);
    }

    internal static Uri StreamUri(Uri nodeUrl)
    {
        var builder = new UriBuilder(new Uri(nodeUrl, "v1/stream"))
        {
            Scheme = nodeUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        return builder.Uri;
    }

    private static ReadOnlyMemory<byte> SubscribeMessage(Address address)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("op", "subscribe");
            writer.WriteString("topic", "address");
            writer.WriteString("address", address.ToString());
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
