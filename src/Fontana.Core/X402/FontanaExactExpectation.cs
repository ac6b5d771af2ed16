using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Core.X402;

/// <summary>
/// What a resource server expects of one paid request, in the terms <see cref="FontanaExactVerifier"/> checks:
/// chain, price, receiving address, the resource and method being paid for, and the key the provider signs its
/// challenges with. Build it once per priced route and request (it is a small immutable value).
/// </summary>
/// <param name="ChainId">The chain the payment must be on (network <c>fontana:&lt;chainId&gt;</c>).</param>
/// <param name="Amount">The price: the payment must pay exactly this much to <paramref name="PayTo"/>.</param>
/// <param name="PayTo">The provider's receiving address.</param>
/// <param name="Resource">The resource the challenge must name (as the provider wrote it into its challenges).</param>
/// <param name="Method">The HTTP method the challenge must name, e.g. <c>GET</c>.</param>
/// <param name="ProviderKey">The public key the provider signs challenges with; challenges by any other key are forged.</param>
/// <param name="MinFee">The chain's minimum fee if known (zero skips the check; the ledger enforces it anyway).</param>
public sealed record FontanaExactExpectation(
    string ChainId,
    Amount Amount,
    Address PayTo,
    string Resource,
    string Method,
    PublicKey ProviderKey,
    Amount MinFee = default)
{
    private string? _network;
    private string? _payToText;

    /// <summary>The CAIP-2 network, <c>fontana:&lt;chainId&gt;</c> (computed once; callers that already hold it may set it).</summary>
    public string Network
    {
        get => _network ??= FontanaExact.FormatNetwork(ChainId);
        init => _network = value;
    }

    /// <summary><see cref="PayTo"/> as bech32m text (computed once; callers that already hold it may set it).</summary>
    public string PayToText
    {
        get => _payToText ??= PayTo.ToString();
        init => _payToText = value;
    }

    /// <summary>
    /// The expectation a facilitator derives from the requirements a resource server sent it: amount, payTo and
    /// network from <paramref name="requirements"/>, resource, method and provider key from the challenge the
    /// resource server put in its <c>extra</c>. False, with an <see cref="X402ErrorReasons"/> value, when the
    /// requirements are not a well-formed Fontana offer.
    /// </summary>
    public static bool TryFromRequirements(
        PaymentRequirements requirements,
        Amount minFee,
        [NotNullWhen(true)] out FontanaExactExpectation? expectation,
        [NotNullWhen(false)] out string? errorReason,
        [NotNullWhen(false)] out string? detail)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        expectation = null;
        if (requirements.Scheme != FontanaExact.Scheme)
        {
            return Fail(X402ErrorReasons.UnsupportedScheme, $"scheme \"{requirements.Scheme}\" is not \"{FontanaExact.Scheme}\"", out errorReason, out detail);
        }

        if (!FontanaExact.TryParseNetwork(requirements.Network, out var chainId) || !ChainIdFormat.IsValid(chainId))
        {
            return Fail(X402ErrorReasons.InvalidNetwork, $"network \"{requirements.Network}\" is not a Fontana network", out errorReason, out detail);
        }

        if (requirements.Asset != FontanaExact.Asset)
        {
            return Fail(X402ErrorReasons.AssetMismatch, $"asset \"{requirements.Asset}\" is not \"{FontanaExact.Asset}\"", out errorReason, out detail);
        }

        if (!requirements.TryGetAmount(out var amount) || amount.IsZero)
        {
            return Fail(X402ErrorReasons.InvalidPaymentRequirements, $"amount \"{requirements.Amount}\" is not a positive number of utia", out errorReason, out detail);
        }

        if (!Address.TryParse(requirements.PayTo, out var payTo, out var addressError))
        {
            return Fail(X402ErrorReasons.InvalidPaymentRequirements, "payTo: " + addressError, out errorReason, out detail);
        }

        FontanaChallenge challenge;
        try
        {
            challenge = FontanaChallenge.FromExtra(requirements.Extra);
        }
        catch (X402FormatException ex)
        {
            return Fail(X402ErrorReasons.InvalidPaymentRequirements, "extra: " + ex.Message, out errorReason, out detail);
        }

        expectation = new FontanaExactExpectation(chainId, amount, payTo, challenge.Resource, challenge.Method, challenge.ProviderKey, minFee);
        errorReason = null;
        detail = null;
        return true;
    }

    private static bool Fail(string reason, string message, out string? errorReason, out string? detail)
    {
        errorReason = reason;
        detail = message;
        return false;
    }
}
