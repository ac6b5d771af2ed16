using Fontana.Core.Errors;

namespace Fontana.Sdk.Subscriptions;

/// <summary>
/// A streamed header failed light-client verification: <c>header-bad-signature</c> (does not decode, fields disagree
/// with its signed bytes, another chain, or not signed by the sequencer key) or <c>header-chain-broken</c> (not the
/// next height, or its previous hash is not the last verified header's hash). The subscription ends; nothing after
/// the bad header is delivered.
/// </summary>
public sealed class SubscriptionException : FontanaApiException
{
    public const string BadSignature = ErrorCodes.HeaderBadSignature;
    public const string ChainBroken = ErrorCodes.HeaderChainBroken;

    public SubscriptionException()
        : this(BadSignature, "a header failed verification")
    {
    }

    public SubscriptionException(string message)
        : this(BadSignature, message)
    {
    }

    public SubscriptionException(string message, Exception innerException)
        : base(BadSignature, 0, BadSignature + ": " + message, message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="code"/>; the message starts with the code.</summary>
    public SubscriptionException(string code, string message)
        : base(code, 0, code + ": " + message, message)
    {
    }
}
