using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>The node does not know the requested transaction, output, block or address (HTTP 404).</summary>
public sealed class FontanaNotFoundException : FontanaApiException
{
    public FontanaNotFoundException()
        : this("not found")
    {
    }

    public FontanaNotFoundException(string message)
        : base(ErrorCodes.NotFound, 404, message)
    {
    }

    public FontanaNotFoundException(string message, Exception innerException)
        : base(ErrorCodes.NotFound, 404, message, null, innerException)
    {
    }

    public FontanaNotFoundException(string code, string message, string? detail)
        : base(code, 404, message, detail)
    {
    }
}
