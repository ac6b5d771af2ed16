using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Fontana.Core.Api;

namespace Fontana.Sdk.Transports;

/// <summary>
/// Node requests over HTTP, through an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (pooled handlers,
/// DNS refresh) or one given. Subscriptions use the node's <c>/v1/stream</c> WebSocket (a
/// <see cref="WebSocketNodeTransport"/> opened on the first one), with its reconnect and resume.
/// </summary>
public sealed class HttpNodeTransport : INodeTransport
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Func<HttpClient> _client;
    private readonly HttpClient? _owned;
    private readonly Uri _root;
    private readonly TimeProvider _time;
    private WebSocketNodeTransport? _stream;

    /// <summary>Creates clients named <paramref name="clientName"/> from <paramref name="factory"/> for the node at
    /// <paramref name="nodeUrl"/>.</summary>
    public HttpNodeTransport(IHttpClientFactory factory, string clientName, Uri nodeUrl, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(clientName);
        _root = Root(nodeUrl);
        _client = () => factory.CreateClient(clientName);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Uses <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the node's root URL (the
    /// caller keeps ownership).</summary>
    public HttpNodeTransport(HttpClient httpClient, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress: the node's URL, e.g. http://127.0.0.1:5080/", nameof(httpClient));
        }

        _root = Root(httpClient.BaseAddress);
        _client = () => httpClient;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates a transport with its own connection pool for the node at <paramref name="nodeUrl"/>.</summary>
    public HttpNodeTransport(Uri nodeUrl, TimeProvider? timeProvider = null)
    {
        _root = Root(nodeUrl);
        _owned = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 256 });
        _client = () => _owned;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The node's root URL.</summary>
    public Uri NodeUrl => _root;

    /// <inheritdoc/>
    public string Name => _root.ToString();

    /// <inheritdoc/>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stream, null) is { } stream)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<NodeApiResponse> SendAsync(NodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_root, request.Path));
        if (!request.Body.IsEmpty)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
            message.Content.Headers.ContentType = Json;
        }

        try
        {
            using var response = await _client().SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new NodeApiResponse((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException ex)
        {
            throw NodeTransportErrors.Unreachable(Name, ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw NodeTransportErrors.Unreachable(Name, "the request timed out", ex);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEventDto> StreamAsync(StreamRequestDto subscription, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = Volatile.Read(ref _stream);
        if (stream is null)
        {
            var created = new WebSocketNodeTransport(_root, null, _time);
            stream = Interlocked.CompareExchange(ref _stream, created, null) ?? created;
            if (!ReferenceEquals(stream, created))
            {
                await created.DisposeAsync().ConfigureAwait(false);
            }
        }

        await foreach (var message in stream.StreamAsync(subscription, cancellationToken).ConfigureAwait(false))
        {
            yield return message;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _owned?.Dispose();
    }

    internal static Uri Root(Uri nodeUrl)
    {
        ArgumentNullException.ThrowIfNull(nodeUrl);
        var text = nodeUrl.ToString();
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
