namespace Fontana.Sdk.Transports;

/// <summary>Settings of <see cref="WebSocketNodeTransport"/>.</summary>
public sealed class WebSocketNodeTransportOptions
{
    /// <summary>Longest wait for the answer to one request. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay before reconnecting a dropped connection that has subscriptions; doubles (with jitter) up
    /// to <see cref="MaxReconnectDelay"/>. Default 200 ms.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between reconnection attempts. Default 30 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest message accepted from the node; a larger one is a broken node (the connection is dropped).
    /// Default 4 MiB.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
}
