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
    /// <c>header-bad-signature</c>: a header does not decode, disagrees with its signed bytes, is for another chain, or is not signed by the sequencer key.
    public const string BadSignature = ErrorCodes.HeaderBadSignature;
    /// <c>header-chain-broken</c>: a header is not the next height, or its previous hash is not the last verified header's hash.
    public const string ChainBroken = ErrorCodes.HeaderChainBroken;

    /// <summary>A <c>header-bad-signature</c> with a generic message.</summary>
    public SubscriptionException()
        : this(BadSignature, "a header failed verification")
    {
    }

    /// <summary>A <c>header-bad-signature</c> with <paramref name="message"/>.</summary>
    public SubscriptionException(string message)
        : this(BadSignature, message)
    {
    }

    /// <summary>A <c>header-bad-signature</c> caused by <paramref name="innerException"/> (e.g. a header that does not decode).</summary>
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
