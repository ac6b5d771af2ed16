using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fontana.Core.Api;
using Polly;
using Polly.Retry;

namespace Fontana.Sdk.Transports;

/// <summary>
/// One WebSocket to the node's <c>/v1/stream</c> carries both requests (the <c>request</c> op, answered by
/// <c>response</c> events matched by id) and subscriptions. When the connection drops, requests in flight fail with
/// <c>node-unreachable</c> (their outcome is unknown to this transport; a submission is made safe by its txid), and
/// if subscriptions are open the transport reconnects with exponential backoff (Polly retry) and resubscribes each
/// one from where it stood (<see cref="StreamCursor"/>): headers from the last height + 1, no repeats.
/// </summary>
public sealed class WebSocketNodeTransport : INodeTransport
{
    private readonly Uri _streamUri;
    private readonly WebSocketNodeTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly CancellationTokenSource _life = new();
    private readonly ResiliencePipeline _reconnect;
    private Connection? _connection;
    private long _nextId;
    private int _reconnecting;

    /// <summary>A transport for the node at <paramref name="nodeUrl"/> (its <c>/v1/stream</c>, ws or wss).</summary>
    public WebSocketNodeTransport(Uri nodeUrl, WebSocketNodeTransportOptions? options = null, TimeProvider? timeProvider = null)
    {
        var root = HttpNodeTransport.Root(nodeUrl);
        NodeUrl = root;
        _streamUri = new UriBuilder(new Uri(root, "v1/stream")) { Scheme = root.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        _options = options ?? new WebSocketNodeTransportOptions();
        _time = timeProvider ?? TimeProvider.System;
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.ReconnectDelay,
                MaxDelay = _options.MaxReconnectDelay,
                ShouldHandle = new PredicateBuilder().Handle<FontanaApiException>(e => e.Code == FontanaApiException.NodeUnreachableCode),
            })
            .Build();
    }

    /// <summary>The node's root URL.</summary>
    public Uri NodeUrl { get; }

    /// <inheritdoc/>
    public string Name => NodeUrl.ToString();

    /// <summary>True while the WebSocket is open.</summary>
    public bool IsConnected => Volatile.Read(ref _connection) is { IsOpen: true };

    /// <summary>Connections made so far (the first one included).</summary>
    public int ConnectionCount { get; private set; }

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken cancellationToken = default) => await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        Subscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Events.Writer.TryComplete();
        }

        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Aborts the open connection as a network failure would (for tests of reconnects).</summary>
    internal void AbortConnection() => Volatile.Read(ref _connection)?.Socket.Abort();

    /// <inheritdoc/>
    public async Task<NodeApiResponse> SendAsync(NodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (connection, _) = await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        var id = "r" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<StreamEventDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Pending[id] = answer;
        try
        {
            if (!connection.IsOpen)
            {
                throw NodeTransportErrors.Unreachable(Name, "the stream connection dropped");
            }

            var body = request.Body.IsEmpty ? null : Encoding.UTF8.GetString(request.Body.Span);
            await connection.SendAsync(new StreamRequestDto("request", Id: id, Method: request.Method, Path: request.Path, Body: body), cancellationToken).ConfigureAwait(false);
            StreamEventDto message;
            try
            {
                message = await answer.Task.WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw NodeTransportErrors.Unreachable(Name, $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s", ex);
            }

            if (message.Type == "error")
            {
                throw new FontanaApiException(message.Code ?? "stream-error", 400, $"{message.Code}: {message.Message}", message.Message);
            }

            return new NodeApiResponse(message.StatusCode ?? 0, message.Body is null ? [] : Encoding.UTF8.GetBytes(message.Body), message.ContentType);
        }
        finally
        {
            connection.Pending.TryRemove(id, out _);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEventDto> StreamAsync(StreamRequestDto subscription, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var entry = new Subscription("s" + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), new StreamCursor(subscription));
        lock (_gate)
        {
            _subscriptions.Add(entry);
        }

        try
        {
            try
            {
                var (connection, fresh) = await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
                if (!fresh)
                {
                    await connection.SendAsync(entry.CurrentRequest(), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (FontanaApiException ex) when (ex.Code == FontanaApiException.NodeUnreachableCode)
            {
                // Not reachable now: the background reconnect subscribes when it gets through.
                StartReconnecting();
            }

            await foreach (var message in entry.Events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return message;
            }
        }
        finally
        {
            bool shared;
            lock (_gate)
            {
                _subscriptions.Remove(entry);
                // The node keeps one registration per connection and topic: another subscription to the same topic on
                // this connection still needs it, so it is not unsubscribed.
                shared = _subscriptions.Exists(other => other.SameTopic(entry));
            }

            if (!shared && Volatile.Read(ref _connection) is { IsOpen: true } open)
            {
                try
                {
                    await open.SendAsync(entry.CurrentRequest() with { Op = "unsubscribe" }, CancellationToken.None).ConfigureAwait(false);
                }
                catch (FontanaApiException)
                {
                    // The connection went away: nothing to unsubscribe from.
                }
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _life.CancelAsync().ConfigureAwait(false);
        await DisconnectAsync().ConfigureAwait(false);
        _life.Dispose();
    }

    private async Task<(Connection Connection, bool Fresh)> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is { IsOpen: true } open)
        {
            return (open, false);
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsOpen: true } current)
            {
                return (current, false);
            }

            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(_streamUri, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException)
            {
                socket.Dispose();
                throw NodeTransportErrors.Unreachable(Name, ex.Message, ex);
            }

            var connection = new Connection(socket, Name);
            _connection = connection;
            ConnectionCount++;
            _ = Task.Run(() => ReceiveLoopAsync(connection), CancellationToken.None);
            Subscription[] subscriptions;
            lock (_gate)
            {
                subscriptions = [.. _subscriptions];
            }

            foreach (var subscription in subscriptions)
            {
                await connection.SendAsync(subscription.CurrentRequest(), cancellationToken).ConfigureAwait(false);
            }

            return (connection, true);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task ReceiveLoopAsync(Connection connection)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= _options.MaxMessageBytes)
                        {
                            return;
                        }

                        Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _options.MaxMessageBytes));
                    }

                    result = await connection.Socket.ReceiveAsync(buffer.AsMemory(length), _life.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                StreamEventDto? message;
                try
                {
                    message = JsonSerializer.Deserialize(buffer.AsSpan(0, length), ApiJsonContext.Default.StreamEventDto);
                }
                catch (JsonException)
                {
                    // A node sending garbage is treated as a broken connection.
                    return;
                }

                if (message is not null)
                {
                    Dispatch(connection, message);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Dropped: handled below.
        }
        finally
        {
            connection.Fail();
            Interlocked.CompareExchange(ref _connection, null, connection);
            bool any;
            lock (_gate)
            {
                any = _subscriptions.Count > 0;
            }

            if (any && !_life.IsCancellationRequested)
            {
                StartReconnecting();
            }
        }
    }

    private void Dispatch(Connection connection, StreamEventDto message)
    {
        switch (message.Type)
        {
            case "response":
                if (message.Id is { } id && connection.Pending.TryRemove(id, out var answer))
                {
                    answer.TrySetResult(message);
                }

                return;
            case "error":
                if (message.Id is { } errorId && connection.Pending.TryRemove(errorId, out var failed))
                {
                    failed.TrySetResult(message);
                    return;
                }

                lock (_gate)
                {
                    foreach (var subscription in _subscriptions)
                    {
                        if (message.Id is null || message.Id == subscription.Id)
                        {
                            subscription.Events.Writer.TryComplete(NodeTransportErrors.StreamError(Name, message.Code, message.Message));
                        }
                    }
                }

                return;
            case "subscribed":
                lock (_gate)
                {
                    foreach (var subscription in _subscriptions)
                    {
                        if (subscription.Id == message.Id)
                        {
                            subscription.Events.Writer.TryWrite(message);
                        }
                    }
                }

                return;
            case "header" or "tx" or "address":
                lock (_gate)
                {
                    foreach (var subscription in _subscriptions)
                    {
                        subscription.Offer(message);
                    }
                }

                return;
            default:
                return;
        }
    }

    private void StartReconnecting()
    {
        if (Interlocked.Exchange(ref _reconnecting, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _reconnect.ExecuteAsync(async token => await EnsureConnectedAsync(token).ConfigureAwait(false), _life.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or FontanaApiException)
            {
                // Disposed, or a refusal other than unreachable (reported to the subscriptions).
            }
            finally
            {
                Volatile.Write(ref _reconnecting, 0);
            }
        });
    }

    /// <summary>One subscription: its cursor (guarded by the transport's lock) and the channel its events go to.</summary>
    private sealed class Subscription(string id, StreamCursor cursor)
    {
        public string Id { get; } = id;

        public Channel<StreamEventDto> Events { get; } = Channel.CreateUnbounded<StreamEventDto>(new UnboundedChannelOptions { SingleReader = true });

        public StreamRequestDto CurrentRequest()
        {
            lock (this)
            {
                return cursor.Request with { Id = Id };
            }
        }

        /// <summary>True when the node registers both under one key (topic, transaction, address).</summary>
        public bool SameTopic(Subscription other) =>
            Asked.Topic == other.Asked.Topic && Asked.TxId == other.Asked.TxId && Asked.Address == other.Asked.Address;

        private StreamRequestDto Asked => cursor.Subscription;

        public void Offer(StreamEventDto message)
        {
            lock (this)
            {
                if (cursor.Matches(message) && cursor.Accept(message))
                {
                    Events.Writer.TryWrite(message);
                }
            }
        }
    }

    /// <summary>One WebSocket: sends serialized one at a time, requests waiting for their answers.</summary>
    private sealed class Connection(ClientWebSocket socket, string name)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);
        private int _failed;

        public ClientWebSocket Socket { get; } = socket;

        public ConcurrentDictionary<string, TaskCompletionSource<StreamEventDto>> Pending { get; } = new(StringComparer.Ordinal);

        public bool IsOpen => Volatile.Read(ref _failed) == 0 && Socket.State == WebSocketState.Open;

        public async Task SendAsync(StreamRequestDto request, CancellationToken cancellationToken)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(request, ApiJsonContext.Default.StreamRequestDto);
            await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                throw NodeTransportErrors.Unreachable(name, "the stream connection dropped", ex);
            }
            finally
            {
                _sending.Release();
            }
        }

        public void Fail()
        {
            if (Interlocked.Exchange(ref _failed, 1) == 1)
            {
                return;
            }

            foreach (var (_, answer) in Pending)
            {
                answer.TrySetException(NodeTransportErrors.Unreachable(name, "the stream connection dropped before the answer"));
            }

            Pending.Clear();
            Socket.Abort();
            Socket.Dispose();
        }

        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (Socket.State == WebSocketState.Open)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
            {
                // Already gone.
            }

            Fail();
        }
    }
}
