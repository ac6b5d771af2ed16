using Microsoft.AspNetCore.Http.Metadata;

namespace Fontana.Node.Api;

/// <summary>Endpoint metadata lowering Kestrel's body limit for one endpoint (routing applies it before the handler).</summary>
internal sealed class RequestSizeLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}
