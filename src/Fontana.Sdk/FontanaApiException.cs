using System.Net;
using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>
/// The node answered with an error (RFC 9457 problem+json) or could not be reached. <see cref="Code"/> is the
/// server's stable kebab-case code (for example <c>input-spent</c>, <c>not-found</c>), or one of the SDK's own codes:
/// <c>node-unreachable</c> (no answer), <c>bad-response</c> (an answer the SDK could not read).
/// </summary>
public class FontanaApiException : Exception
{
    /// <summary>The SDK's code when the node could not be reached.</summary>
    public const string NodeUnreachableCode = ErrorCodes.NodeUnreachable;

    /// <summary>The SDK's code when the node's answer could not be decoded.</summary>
    public const string BadResponseCode = ErrorCodes.BadResponse;

    /// <summary>An error with code <c>error</c>, no HTTP status and a generic message (prefer the constructor that takes a code).</summary>
    public FontanaApiException()
        : this("error", 0, "the Fontana node reported an error")
    {
    }

    /// <summary>An error with code <c>error</c>, no HTTP status and <paramref name="message"/>.</summary>
    public FontanaApiException(string message)
        : this("error", 0, message)
    {
    }

    /// <summary>An error with code <c>error</c>, no HTTP status, caused by <paramref name="innerException"/>.</summary>
    public FontanaApiException(string message, Exception innerException)
        : this("error", 0, message, null, innerException)
    {
    }

    /// <summary>Creates the exception for an error with a code and an HTTP status (0 when there was no HTTP answer).</summary>
    public FontanaApiException(string code, int status, string message, string? detail = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Status = status;
        Detail = detail;
    }

    /// <summary>The stable kebab-case error code.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the answer (0 when there was none).</summary>
    public int Status { get; }

    /// <summary>The status as <see cref="HttpStatusCode"/>.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Status;

    /// <summary>The problem's <c>detail</c>, when the node gave one.</summary>
    public string? Detail { get; }
}
