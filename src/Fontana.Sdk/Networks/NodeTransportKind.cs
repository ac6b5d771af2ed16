namespace Fontana.Sdk.Networks;

/// <summary>How the client reaches each node of a network (<see cref="FontanaNetworkOptions.Transport"/>).</summary>
public enum NodeTransportKind
{
    /// <summary>HTTP/1.1 requests (<see cref="Transports.HttpNodeTransport"/>). The default.</summary>
    Http,

    /// <summary>One WebSocket per node carrying requests and subscriptions (<see cref="Transports.WebSocketNodeTransport"/>).</summary>
    WebSocket,
}
