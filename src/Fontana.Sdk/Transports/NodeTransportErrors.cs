namespace Fontana.Sdk.Transports;

/// <summary>The exceptions transports throw when a node cannot be reached or its stream fails.</summary>
internal static class NodeTransportErrors
{
    public static FontanaApiException Unreachable(string node, string reason, Exception? inner = null) =>
        new(FontanaApiException.NodeUnreachableCode, 0, $"{FontanaApiException.NodeUnreachableCode}: the node at {node} did not answer ({reason})", null, inner);

    public static FontanaApiException StreamError(string node, string? code, string? message) =>
        new(code ?? "stream-error", 0, $"{code ?? "stream-error"}: the node at {node} refused the subscription ({message})");
}
