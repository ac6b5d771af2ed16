namespace Fontana.Core.Api;

/// <summary>
/// A node hosted in the same process, reached without sockets: requests run through the node's own ASP.NET Core
/// pipeline (same endpoints, filters and errors as over HTTP) and subscriptions read the node's stream hub directly.
/// The node registers it (<c>AddFontanaNode</c>); the SDK's in-process transport uses it.
/// </summary>
public interface IInProcessNode
{
    /// <summary>Runs one API request, e.g. <c>GET v1/info</c> or <c>POST v1/transactions</c> with a JSON body.</summary>
    /// <param name="method"><c>GET</c> or <c>POST</c>.</param>
    /// <param name="path">A path relative to the node's root (<c>v1/…</c>), query string allowed.</param>
    /// <param name="jsonBody">The JSON body of a POST (empty for GET).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    Task<NodeApiResponse> SendAsync(string method, string path, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken);

    /// <summary>Subscribes (a <c>subscribe</c> request as on <c>/v1/stream</c>, <c>FromHeight</c> included) and yields the
    /// events of that subscription until <paramref name="cancellationToken"/> ends it.</summary>
    IAsyncEnumerable<StreamEventDto> SubscribeAsync(StreamRequestDto subscription, CancellationToken cancellationToken);
}
