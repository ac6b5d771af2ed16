using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>
/// One acceptable way to pay (x402 v2 <c>PaymentRequirements</c>, spec §5.1.2). Fontana offers
/// scheme <c>exact</c>, network <c>fontana:&lt;chainId&gt;</c>, asset <c>utia</c>, with a signed
/// <see cref="FontanaChallenge"/> as <see cref="Extra"/>.
/// </summary>
public sealed record PaymentRequirements : IX402Validatable
{
    /// <summary>Payment scheme, e.g. <c>exact</c>.</summary>
    [JsonPropertyName("scheme")]
    public required string Scheme { get; init; }

    /// <summary>CAIP-2 network id, e.g. <c>fontana:devnet</c>.</summary>
    [JsonPropertyName("network")]
    public required string Network { get; init; }

    /// <summary>Amount in atomic units of <see cref="Asset"/>, as a base-10 integer string (utia for Fontana).</summary>
    [JsonPropertyName("amount")]
    public required string Amount { get; init; }

    /// <summary>Token/asset identifier (<c>utia</c> for Fontana).</summary>
    [JsonPropertyName("asset")]
    public required string Asset { get; init; }

    /// <summary>Recipient address (a bech32m <c>fnt1…</c> address for Fontana).</summary>
    [JsonPropertyName("payTo")]
    public required string PayTo { get; init; }

    /// <summary>Maximum time in seconds allowed for the payment to complete.</summary>
    [JsonPropertyName("maxTimeoutSeconds")]
    public required int MaxTimeoutSeconds { get; init; }

    /// <summary>Scheme-specific data (a JSON object); for Fontana the signed challenge, see <see cref="FontanaChallenge.FromExtra"/>.</summary>
    [JsonPropertyName("extra")]
    public JsonElement? Extra { get; init; }

    /// <summary>True when this offer is Fontana's: scheme <c>exact</c>, asset <c>utia</c>, a <c>fontana:</c> network.</summary>
    [JsonIgnore]
    public bool IsFontanaExact =>
        Scheme == FontanaExact.Scheme && Asset == FontanaExact.Asset && FontanaExact.TryParseNetwork(Network, out _);

    /// <summary>Parses <see cref="Amount"/> as utia; false when it is not a whole number of utia that fits the ledger.</summary>
    public bool TryGetAmount(out Amount amount) => Core.Amount.TryParseUtia(Amount, out amount, out _);

    void IX402Validatable.Validate(X402Path path)
    {
        X402Validation.Text(Scheme, path, "scheme");
        X402Validation.Text(Network, path, "network");
        X402Validation.AtomicAmount(Amount, path, "amount");
        X402Validation.Text(Asset, path, "asset");
        X402Validation.Text(PayTo, path, "payTo");
        if (MaxTimeoutSeconds < 0)
        {
            throw X402FormatException.Invalid(path.Field("maxTimeoutSeconds"), "must not be negative");
        }

        X402Validation.OptionalObject(Extra, path, "extra");
    }
}
