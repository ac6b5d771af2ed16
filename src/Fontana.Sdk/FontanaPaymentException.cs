using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>
/// A paid call could not be paid, or its payment was refused. <see cref="Code"/> is stable: the SDK's own codes
/// (<c>insufficient-funds</c>, <c>utxo-lock-timeout</c>, <c>price-too-high</c>, <c>no-acceptable-requirement</c>,
/// <c>bad-payment-required</c>, <c>payment-not-accepted</c>, <c>split-failed</c>, <c>pay-to-self</c>) or the provider's x402
/// <c>errorReason</c> (e.g. <c>payment_expired</c>, or a ledger code such as <c>input-spent</c>).
/// </summary>
public class FontanaPaymentException : Exception
{
    public const string PriceTooHigh = ErrorCodes.PriceTooHigh;
    public const string UnknownNetwork = ErrorCodes.UnknownNetwork;
    public const string NoAcceptableRequirement = ErrorCodes.NoAcceptableRequirement;
    public const string BadPaymentRequired = ErrorCodes.BadPaymentRequired;
    public const string PaymentNotAccepted = ErrorCodes.PaymentNotAccepted;
    public const string SplitFailed = ErrorCodes.SplitFailed;
    public const string PayToSelf = ErrorCodes.PayToSelf;

    public FontanaPaymentException()
        : this(ErrorCodes.PaymentFailed, "the payment failed")
    {
    }

    public FontanaPaymentException(string message)
        : this(ErrorCodes.PaymentFailed, message)
    {
    }

    public FontanaPaymentException(string message, Exception innerException)
        : this(ErrorCodes.PaymentFailed, message, innerException)
    {
    }

    public FontanaPaymentException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The stable error code.</summary>
    public string Code { get; }
}
