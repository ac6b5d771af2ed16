namespace Fontana.Node.Options;

/// <summary><c>Fontana:Stream</c>: limits of the <c>/v1/stream</c> WebSocket.</summary>
public sealed class StreamOptions
{
    /// <summary>Messages buffered per connection; a client that lets the buffer fill is closed with 1008
    /// (policy violation), never waited for. Default 256.</summary>
    public int ConnectionBufferCapacity { get; set; } = 256;

    /// <summary>Most subscriptions one connection may hold. Default 256.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 256;

    /// <summary>Largest client message, in bytes: room for a <c>request</c> op carrying a transaction of
    /// <c>Api:MaxTransactionBodyBytes</c> (64 KiB, base64 in JSON). Default 98304 (96 KiB).</summary>
    public int MaxClientMessageBytes { get; set; } = 96 * 1024;

    /// <summary>Most concurrent stream connections. Default 1000.</summary>
    public int MaxConnections { get; set; } = 1000;
}
