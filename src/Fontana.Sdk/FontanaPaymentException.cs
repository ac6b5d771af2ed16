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
    /// <c>price-too-high</c>: every offer costs more than the payer's maximum price per call (<c>MaxPricePerCall</c>); nothing was signed.
    public const string PriceTooHigh = ErrorCodes.PriceTooHigh;
    /// <c>unknown-network</c>: the 402 offers payment only on networks (<c>fontana:&lt;chainId&gt;</c>) the client does not hold, or a network asked for is not configured.
    public const string UnknownNetwork = ErrorCodes.UnknownNetwork;
    /// <c>no-acceptable-requirement</c>: the 402 has no <c>exact</c> offer in <c>utia</c> this SDK can pay.
    public const string NoAcceptableRequirement = ErrorCodes.NoAcceptableRequirement;
    /// <c>bad-payment-required</c>: the <c>PAYMENT-REQUIRED</c> header is unreadable, or its challenge does not match its offer or has expired.
    public const string BadPaymentRequired = ErrorCodes.BadPaymentRequired;
    /// <c>payment-not-accepted</c>: the provider answered the paid retry without a <c>PAYMENT-RESPONSE</c> header.
    public const string PaymentNotAccepted = ErrorCodes.PaymentNotAccepted;
    /// <c>split-failed</c>: the transaction that splits a coin into smaller outputs for concurrent calls failed, and with it the calls waiting on it.
    public const string SplitFailed = ErrorCodes.SplitFailed;
    /// <c>pay-to-self</c>: the provider's <c>payTo</c> is the payer's own address (a wallet mix-up); nothing was signed.
    public const string PayToSelf = ErrorCodes.PayToSelf;

    /// <summary>A <c>payment-failed</c> error with a generic message (prefer the constructor that takes a code).</summary>
    public FontanaPaymentException()
        : this(ErrorCodes.PaymentFailed, "the payment failed")
    {
    }

    /// <summary>A <c>payment-failed</c> error with <paramref name="message"/>.</summary>
    public FontanaPaymentException(string message)
        : this(ErrorCodes.PaymentFailed, message)
    {
    }

    /// <summary>A <c>payment-failed</c> error caused by <paramref name="innerException"/>.</summary>
    public FontanaPaymentException(string message, Exception innerException)
        : this(ErrorCodes.PaymentFailed, message, innerException)
    {
    }

    /// <summary>A payment error with <paramref name="code"/>: one of this type's constants, another SDK code, or the provider's x402 <c>errorReason</c>.</summary>
    public FontanaPaymentException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The stable error code.</summary>
    public string Code { get; }
}
