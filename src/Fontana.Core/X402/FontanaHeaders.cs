namespace Fontana.Core.X402;

/// <summary>
/// Fontana's own HTTP headers next to the x402 ones (docs/x402.md, "One request per call: the next challenge").
/// </summary>
public static class FontanaHeaders
{
    /// <summary>Client → provider on a paid request: <c>1</c> asks the provider to hand out, with a successful paid
    /// response, a fresh challenge for the next call of the same method and URL.</summary>
    public const string NextChallenge = "FONTANA-NEXT-CHALLENGE";

    /// <summary>Provider → client on a successful paid response to a request carrying <see cref="NextChallenge"/>: base64
    /// of the UTF-8 JSON <see cref="PaymentRequired"/> a 402 for the same method and URL would have carried (a fresh,
    /// single-use challenge). Never stored for replays.</summary>
    public const string NextPaymentRequired = "FONTANA-NEXT-PAYMENT-REQUIRED";
}
