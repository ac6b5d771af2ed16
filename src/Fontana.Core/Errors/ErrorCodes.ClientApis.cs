namespace Fontana.Core.Errors;

public static partial class ErrorCodes
{
    // Amount utilities (AmountException, AmountLimits) — docs/sdk.md "Amounts". A sum, product or percentage past the
    // largest amount is the transaction rule's AmountOverflow ("amount-overflow").

    /// <summary>An amount is below the minimum it must reach; the message names the minimum.</summary>
    public const string AmountBelowMinimum = "amount-below-minimum";

    /// <summary>An amount is above the maximum it may reach; the message names the maximum.</summary>
    public const string AmountAboveMaximum = "amount-above-maximum";

    // Provider catalogs (Fontana.Sdk.Marketplace, fontana discover) — docs/sdk.md "Marketplace".

    /// <summary>The discovery document cannot be fetched: connection refused, DNS, TLS or timeout.</summary>
    public const string DiscoveryUnreachable = "discovery-unreachable";

    /// <summary>The discovery URL answered an HTTP error status (the message names it).</summary>
    public const string DiscoveryFailed = "discovery-failed";

    /// <summary>The discovery answer is not JSON (<c>Content-Type</c> other than <c>application/json</c> or <c>+json</c>).</summary>
    public const string DiscoveryContentType = "discovery-content-type";

    /// <summary>The discovery document is larger than the reader's cap, or lists more resources than it accepts.</summary>
    public const string DiscoveryTooLarge = "discovery-too-large";

    /// <summary>The discovery document is not JSON of the x402 discovery shape; the message names the field.</summary>
    public const string DiscoveryMalformed = "discovery-malformed";

    // Subscriptions (Fontana.Sdk.Subscriptions, fontana watch) — docs/sdk.md "Subscriptions".

    /// <summary>A streamed header is not signed by the chain's sequencer key (or does not decode, or its fields disagree
    /// with its signed bytes).</summary>
    public const string HeaderBadSignature = "header-bad-signature";

    /// <summary>A streamed header does not follow the previous one: wrong height, or its previous hash is not the
    /// previous header's hash.</summary>
    public const string HeaderChainBroken = "header-chain-broken";
}
