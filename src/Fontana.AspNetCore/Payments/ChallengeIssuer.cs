using Fontana.Core;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Payments;

/// <summary>Makes the provider-signed challenges and the x402 <see cref="PaymentRequired"/> of 402 responses.</summary>
internal sealed class ChallengeIssuer
{
    /// <summary>The extensions every 402 advertises: x402's <c>payment-identifier</c> (optional idempotency key).</summary>
    private static readonly System.Text.Json.JsonElement PaymentIdentifierExtensions = System.Text.Json.JsonSerializer.SerializeToElement(
        new Dictionary<string, System.Text.Json.JsonElement> { [PaymentIdentifier.ExtensionKey] = PaymentIdentifier.Advertisement });

    private readonly ProviderIdentity _identity;
    private readonly TimeProvider _time;
    private readonly System.Text.Json.JsonElement? _sessionExtra;

    public ChallengeIssuer(ProviderIdentity identity, TimeProvider time, Microsoft.Extensions.Options.IOptions<Sessions.FontanaSessionOptions>? sessions = null)
    {
        _identity = identity;
        _time = time;
        if (sessions?.Value is { Enabled: true } s)
        {
            _sessionExtra = FontanaSession.CreateExtra(identity.ProviderKey, Amount.FromUtia(s.MinDepositUtia), Amount.FromUtia(s.MacCreditUtia));
        }
    }

    /// <summary>A fresh signed challenge for one request of <paramref name="resource"/> at <paramref name="price"/>, with the
    /// MAC that lets this provider recognise it without verifying the signature (<see cref="FontanaChallengeMac"/>).</summary>
    public FontanaChallenge Issue(HttpRequest request, string resource, Amount price)
    {
        var expiresAt = _time.GetUtcNow().Add(_identity.Lifetime).ToUnixTimeSeconds();
        var challenge = new FontanaChallenge
        {
            Id = FontanaChallenge.NewId(),
            Resource = resource,
            Method = request.Method,
            Amount = price,
            PayTo = _identity.PayTo,
            Network = _identity.Network,
            ExpiresAt = expiresAt,
            LedgerUrl = _identity.LedgerUrl ?? Origin(request),
            ProviderKey = _identity.ProviderKey,
        };
        return _identity.ChallengeMac.Sign(challenge, _identity.ChallengeKey);
    }

    /// <summary>The x402 body of a 402 (or of a next challenge, <paramref name="error"/> null): one Fontana <c>exact</c>
    /// offer carrying a fresh challenge, and the <c>payment-identifier</c> advertisement unless
    /// <paramref name="advertise"/> is false (a next challenge: its client saw the advertisement on its first 402).</summary>
    public PaymentRequired CreatePaymentRequired(HttpRequest request, string resource, Amount price, string? description, string? error, bool advertise = true)
    {
        var challenge = Issue(request, resource, price);
        return new PaymentRequired
        {
            Error = error,
            Resource = new ResourceInfo { Url = resource, Description = description },
            Accepts = _sessionExtra is { } extra
                ? [CreateRequirements(price, challenge.ToExtra()), CreateRequirements(price, extra) with { Scheme = FontanaSession.Scheme }]
                : [CreateRequirements(price, challenge.ToExtra())],
            Extensions = advertise ? PaymentIdentifierExtensions : null,
        };
    }

    /// <summary>The offer for <paramref name="price"/> with <paramref name="extra"/> (a challenge as JSON).</summary>
    public PaymentRequirements CreateRequirements(Amount price, System.Text.Json.JsonElement? extra) => new()
    {
        Scheme = FontanaExact.Scheme,
        Network = _identity.Network,
        Amount = price.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Asset = FontanaExact.Asset,
        PayTo = _identity.PayToText,
        MaxTimeoutSeconds = _identity.MaxTimeoutSeconds,
        Extra = extra,
    };

    /// <summary>The resource a request pays for: its absolute URL, query included.</summary>
    public static string ResourceOf(HttpRequest request) => string.Concat(
        Origin(request), request.PathBase.Value, request.Path.Value, request.QueryString.Value);

    private static string Origin(HttpRequest request) => string.Concat(request.Scheme, "://", request.Host.Value);
}
