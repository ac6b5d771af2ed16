namespace Fontana.Sdk;

/// <summary>
/// A paid call could not be paid, or its payment was refused. <see cref="Code"/> is stable: the SDK's own codes
/// (<c>insufficient-funds</c>, <c>utxo-lock-timeout</c>, <c>price-too-high</c>, <c>no-acceptable-requirement</c>,
/// <c>bad-payment-required</c>, <c>bad-receipt</c>, <c>payment-not-accepted</c>) or the provider's x402
/// <c>errorReason</c> (e.g. <c>payment_expired</c>, or a ledger code such as <c>input-spent</c>).
/// </summary>
public class FontanaPaymentException : Exception
{
    public const string PriceTooHigh = "price-too-high";
    public const string NoAcceptableRequirement = "no-acceptable-requirement";
    public const string BadPaymentRequired = "bad-payment-required";
    public const string PaymentNotAccepted = "payment-not-accepted";
    public const string SplitFailed = "split-failed";

    public FontanaPaymentException()
        : this("payment-failed", "the payment failed")
    {
    }

    public FontanaPaymentException(string message)
        : this("payment-failed", message)
    {
    }

    public FontanaPaymentException(string message, Exception innerException)
        : this("payment-failed", message, innerException)
    {
    }

    public FontanaPaymentException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The stable error code.</summary>
    public string Code { get; }
}
