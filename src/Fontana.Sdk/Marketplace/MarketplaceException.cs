using Fontana.Core.Errors;

namespace Fontana.Sdk.Marketplace;

/// <summary>
/// A provider's catalog could not be read: <c>discovery-unreachable</c>, <c>discovery-failed</c> (an HTTP error
/// status, in <see cref="FontanaApiException.Status"/>), <c>discovery-content-type</c>, <c>discovery-too-large</c> or
/// <c>discovery-malformed</c> (docs/errors.md).
/// </summary>
public sealed class MarketplaceException : FontanaApiException
{
    /// <c>discovery-unreachable</c>: the discovery URL cannot be reached (refused, DNS, TLS, timeout).
    public const string Unreachable = ErrorCodes.DiscoveryUnreachable;
    /// <c>discovery-failed</c>: the discovery URL answered an HTTP error status (in <see cref="FontanaApiException.Status"/>).
    public const string Failed = ErrorCodes.DiscoveryFailed;
    /// <c>discovery-content-type</c>: the answer is not JSON (e.g. an HTML page).
    public const string ContentType = ErrorCodes.DiscoveryContentType;
    /// <c>discovery-too-large</c>: the document passes <c>MarketplaceOptions.MaxDocumentBytes</c> or lists more than <c>MaxResources</c> resources.
    public const string TooLarge = ErrorCodes.DiscoveryTooLarge;
    /// <c>discovery-malformed</c>: not JSON, or not the x402 discovery shape; the message names the field.
    public const string Malformed = ErrorCodes.DiscoveryMalformed;

    /// <summary>A <c>discovery-malformed</c> with a generic message.</summary>
    public MarketplaceException()
        : this(Malformed, "the discovery document could not be read")
    {
    }

    /// <summary>A <c>discovery-malformed</c> with <paramref name="message"/>.</summary>
    public MarketplaceException(string message)
        : this(Malformed, message)
    {
    }

    /// <summary>A <c>discovery-malformed</c> caused by <paramref name="innerException"/>.</summary>
    public MarketplaceException(string message, Exception innerException)
        : this(Malformed, message, 0, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="code"/>; the message starts with the code.</summary>
    public MarketplaceException(string code, string message, int status = 0, Exception? innerException = null)
        : base(code, status, code + ": " + message, message, innerException)
    {
    }
}
