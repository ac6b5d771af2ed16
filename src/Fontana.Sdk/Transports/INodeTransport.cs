using Fontana.Core.Api;

namespace Fontana.Sdk.Transports;

/// <summary>
/// How the SDK reaches one Fontana node: HTTP (<see cref="HttpNodeTransport"/>), one WebSocket carrying requests and
/// subscriptions (<see cref="WebSocketNodeTransport"/>), or a node hosted in the same process
/// (<see cref="InProcessNodeTransport"/>). Every node call of the SDK goes through one; several nodes of a network
/// are combined by <see cref="Networks.FailoverNodeTransport"/>.
/// </summary>
public interface INodeTransport : IAsyncDisposable
{
    /// <summary>The node this transport reaches, as shown in errors and health reports (e.g. its URL).</summary>
    string Name { get; }

    /// <summary>Opens the connection (a no-op for transports without one). Requests connect on demand anyway.</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the connection; subscriptions end. The transport can connect again.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends one node API request and returns the answer, error statuses included. A node that cannot be
    /// reached throws <see cref="FontanaApiException"/> with code <c>node-unreachable</c>.</summary>
    Task<NodeApiResponse> SendAsync(NodeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes (<paramref name="subscription"/> as on <c>/v1/stream</c>: topic <c>headers</c>, <c>tx</c> or <c>address</c>)
    /// and yields its events until cancelled. Across a dropped connection the transport reconnects with backoff and
    /// resubscribes, resuming headers from the last height seen: no event is lost or repeated. A node's refusal of the
    /// subscription throws <see cref="FontanaApiException"/> with the node's code. Each (re)subscription is confirmed by
    /// a <c>subscribed</c> event.
    /// </summary>
    IAsyncEnumerable<StreamEventDto> StreamAsync(StreamRequestDto subscription, CancellationToken cancellationToken = default);
}
