using Fontana.Core.Api;

namespace Fontana.Node.InProcess;

/// <summary>Runs one request through the host's pipeline (middleware, routing, endpoint filters) in memory.</summary>
internal interface INodeApplication
{
    Task<NodeApiResponse> SendAsync(string method, string path, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken);
}
