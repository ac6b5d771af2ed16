namespace Fontana.Node.Streaming;

/// <summary>The topics of <c>/v1/stream</c>.</summary>
internal static class StreamTopics
{
    public const string Headers = "headers";
    public const string Tx = "tx";
    public const string Address = "address";
    public const string Bridge = "bridge";
}
