using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>The node does not know the requested transaction, output, block or address (HTTP 404).</summary>
public sealed class FontanaNotFoundException : FontanaApiException
{
    /// <summary>A <c>not-found</c> (HTTP 404) with a generic message.</summary>
    public FontanaNotFoundException()
        : this("not found")
    {
    }

    /// <summary>A <c>not-found</c> (HTTP 404) with <paramref name="message"/>.</summary>
    public FontanaNotFoundException(string message)
        : base(ErrorCodes.NotFound, 404, message)
    {
    }

    /// <summary>A <c>not-found</c> (HTTP 404) caused by <paramref name="innerException"/>.</summary>
    public FontanaNotFoundException(string message, Exception innerException)
        : base(ErrorCodes.NotFound, 404, message, null, innerException)
    {
    }

    /// <summary>A 404 with the node's own <paramref name="code"/> (e.g. <c>not-found</c>, <c>session-not-found</c>) and problem <c>detail</c>.</summary>
    public FontanaNotFoundException(string code, string message, string? detail)
        : base(code, 404, message, detail)
    {
    }
}
