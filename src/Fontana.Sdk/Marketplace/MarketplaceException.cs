using Fontana.Core.Errors;

namespace Fontana.Sdk.Marketplace;

/// <summary>
/// A provider's catalog could not be read: <c>discovery-unreachable</c>, <c>discovery-failed</c> (an HTTP error
/// status, in <see cref="FontanaApiException.Status"/>), <c>discovery-content-type</c>, <c>discovery-too-large</c> or
/// <c>discovery-malformed</c> (docs/errors.md).
/// </summary>
public sealed class MarketplaceException : FontanaApiException
{
    public const string Unreachable = ErrorCodes.DiscoveryUnreachable;
    public const string Failed = ErrorCodes.DiscoveryFailed;
    public const string ContentType = ErrorCodes.DiscoveryContentType;
    public const string TooLarge = ErrorCodes.DiscoveryTooLarge;
    public const string Malformed = ErrorCodes.DiscoveryMalformed;

    public MarketplaceException()
        : this(Malformed, "the discovery document could not be read")
    {
    }

    public MarketplaceException(string message)
        : this(Malformed, message)
    {
    }

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
