using System.Text.Json;
using System.Text.Json.Serialization;
using Fontana.Core.Crypto;

namespace Fontana.Core.X402;

/// <summary>
/// A provider's signed payment challenge, carried as the <c>extra</c> object of Fontana's
/// <see cref="PaymentRequirements"/> and echoed back inside <see cref="FontanaExactPayload"/>.
/// The payment transaction's memo carries <see cref="ComputeChallengeHash"/>, which binds the payment to this
/// challenge; <see cref="Signature"/> lets any party check that the provider issued it.
/// </summary>
/// <remarks>The canonical encoding that is signed and hashed is specified in <c>docs/x402.md</c>.</remarks>
public sealed record FontanaChallenge : IX402Validatable
{
    /// <summary>Length of <see cref="Id"/> in bytes (16 random bytes, 32 hex characters).</summary>
    public const int IdLength = 16;

    /// <summary>Longest <see cref="Resource"/> and <see cref="LedgerUrl"/> in UTF-8 bytes.</summary>
    public const int MaxUrlBytes = 2048;

    /// <summary>Longest <see cref="Method"/> in bytes.</summary>
    public const int MaxMethodBytes = 16;

    /// <summary>Longest <see cref="Network"/> in bytes.</summary>
    public const int MaxNetworkBytes = 64;

    /// <summary>Random challenge id: 16 bytes as 32 hex characters; see <see cref="NewId"/>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The resource the payment is for (the request URL or path the provider priced).</summary>
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    /// <summary>The HTTP method the payment is for, e.g. <c>GET</c>.</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>The price (JSON: decimal string of utia).</summary>
    [JsonPropertyName("amount")]
    [JsonConverter(typeof(UtiaStringJsonConverter))]
    public required Amount Amount { get; init; }

    /// <summary>The provider's receiving address (JSON: bech32m).</summary>
    [JsonPropertyName("payTo")]
    [JsonConverter(typeof(AddressJsonConverter))]
    public required Address PayTo { get; init; }

    /// <summary>CAIP-2 network, <c>fontana:&lt;chainId&gt;</c>.</summary>
    [JsonPropertyName("network")]
    public required string Network { get; init; }

    /// <summary>Unix time in seconds after which the challenge is no longer accepted.</summary>
    [JsonPropertyName("expiresAt")]
    public required long ExpiresAt { get; init; }

    /// <summary>Base URL of the ledger (node) that settles payments for this provider.</summary>
    [JsonPropertyName("ledgerUrl")]
    public required string LedgerUrl { get; init; }

    /// <summary>The provider's Ed25519 public key that signed the challenge (JSON: 64 hex characters).</summary>
    [JsonPropertyName("providerKey")]
    [JsonConverter(typeof(PublicKeyHexJsonConverter))]
    public required PublicKey ProviderKey { get; init; }

    /// <summary>Ed25519 signature (128 hex characters) by <see cref="ProviderKey"/> over the canonical encoding; null until signed.</summary>
    [JsonPropertyName("signature")]
    public string? Signature { get; init; }

    /// <summary>
    /// Optional: the issuing provider's HMAC-SHA256 (64 hex characters) over the canonical encoding followed by the
    /// signature, under a secret only that provider holds (<see cref="FontanaChallengeMac"/>). It lets the provider
    /// recognise its own challenge with one HMAC instead of an Ed25519 verification. Like the signature it is not part of
    /// the encoding or the challenge hash; everyone else ignores it.
    /// </summary>
    [JsonPropertyName("mac")]
    public string? Mac { get; init; }

    /// <summary>A fresh random challenge id (16 bytes from libsodium, lowercase hex).</summary>
    public static string NewId()
    {
        Span<byte> id = stackalloc byte[IdLength];
        Ed25519.RandomBytes(id);
        return Convert.ToHexStringLower(id);
    }

    /// <summary>A copy with <see cref="ProviderKey"/> set to <paramref name="providerKey"/>'s public key and signed by it.</summary>
    /// <exception cref="X402FormatException">A field is invalid (code <c>invalid-field</c>/<c>missing-field</c>).</exception>
    public FontanaChallenge Sign(PrivateKey providerKey)
    {
        ArgumentNullException.ThrowIfNull(providerKey);
        var unsigned = this with { ProviderKey = providerKey.PublicKey, Signature = null, Mac = null };
        var signature = providerKey.Sign(FontanaChallengeEncoding.Encode(unsigned));
        return unsigned with { Signature = Convert.ToHexStringLower(signature) };
    }

    /// <summary>True when <see cref="Signature"/> is a valid signature by <see cref="ProviderKey"/> of the canonical
    /// encoding. Never throws: malformed fields or signatures are simply invalid. Whether
    /// <see cref="ProviderKey"/> is a key you trust is the caller's check.</summary>
    public bool Verify()
    {
        if (Signature is not { Length: Ed25519.SignatureLength * 2 })
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[Ed25519.SignatureLength];
        if (Convert.FromHexString(Signature, signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Ed25519.SignatureLength)
        {
            return false;
        }

        byte[] message;
        try
        {
            message = FontanaChallengeEncoding.Encode(this);
        }
        catch (X402FormatException)
        {
            return false;
        }

        return ProviderKey.Verify(message, signature);
    }

    /// <summary>SHA-256 of the canonical encoding (signature excluded): the value a payment's memo must carry.</summary>
    /// <exception cref="X402FormatException">A field is invalid.</exception>
    public Hash32 ComputeChallengeHash() => Hash32.Compute(FontanaChallengeEncoding.Encode(this));

    /// <summary>True at or after <see cref="ExpiresAt"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => now.ToUnixTimeSeconds() >= ExpiresAt;

    /// <summary>The expiry as a <see cref="DateTimeOffset"/> (UTC).</summary>
    public DateTimeOffset GetExpiry() => DateTimeOffset.FromUnixTimeSeconds(ExpiresAt);

    /// <summary>
    /// Checks that <paramref name="requirements"/> offers exactly this challenge's payment: scheme <c>exact</c>, asset
    /// <c>utia</c>, same network, amount and payTo. On mismatch <paramref name="errorReason"/> is an
    /// <see cref="X402ErrorReasons"/> value.
    /// </summary>
    public bool Matches(PaymentRequirements requirements, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? errorReason)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        errorReason = requirements switch
        {
            { Scheme: not FontanaExact.Scheme } => X402ErrorReasons.UnsupportedScheme,
            _ when requirements.Network != Network => X402ErrorReasons.NetworkMismatch,
            { Asset: not FontanaExact.Asset } => X402ErrorReasons.AssetMismatch,
            _ when !requirements.TryGetAmount(out var amount) || amount != Amount => X402ErrorReasons.AmountMismatch,
            _ when !Address.TryParse(requirements.PayTo, out var payTo) || payTo != PayTo => X402ErrorReasons.PayToMismatch,
            _ => null,
        };
        return errorReason is null;
    }

    /// <summary>The challenge as a JSON object, for <see cref="PaymentRequirements.Extra"/>.</summary>
    public JsonElement ToExtra() => X402Json.SerializeToElement(this);

    /// <summary>Reads the challenge from <see cref="PaymentRequirements.Extra"/>.</summary>
    /// <exception cref="X402FormatException">Absent, not an object, or a field is missing/invalid.</exception>
    public static FontanaChallenge FromExtra(JsonElement? extra) => X402Json.DeserializeElement<FontanaChallenge>(extra, "extra");

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsHex(string text) => !text.AsSpan().ContainsAnyExcept(HexDigits);

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Text(Id, path, "id");
        if (Id.Length != IdLength * 2 || !IsHex(Id))
        {
            throw X402FormatException.Invalid(path.Field("id"), $"must be {IdLength * 2} hex characters ({IdLength} bytes)");
        }

        X402Validation.Text(Resource, path, "resource");
        X402Validation.Utf8Length(Resource, MaxUrlBytes, path, "resource");
        X402Validation.Text(Method, path, "method");
        X402Validation.Utf8Length(Method, MaxMethodBytes, path, "method");
        X402Validation.Text(Network, path, "network");
        X402Validation.Utf8Length(Network, MaxNetworkBytes, path, "network");
        X402Validation.Present(LedgerUrl, path, "ledgerUrl");
        X402Validation.Utf8Length(LedgerUrl, MaxUrlBytes, path, "ledgerUrl");
        if (Signature is not null && (Signature.Length != Ed25519.SignatureLength * 2 || !IsHex(Signature)))
        {
            throw X402FormatException.Invalid(path.Field("signature"), $"must be {Ed25519.SignatureLength * 2} hex characters");
        }

        if (Mac is not null && (Mac.Length != FontanaChallengeMac.MacLength * 2 || !IsHex(Mac)))
        {
            throw X402FormatException.Invalid(path.Field("mac"), $"must be {FontanaChallengeMac.MacLength * 2} hex characters");
        }
    }
}
