using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>
/// A receipt failed verification: <c>bad-receipt-signature</c> (provisional receipt not signed by the chain's
/// sequencer), <c>bad-header</c> (block header does not decode, hash or signature wrong, or fields disagree),
/// <c>bad-tx-proof</c> (the inclusion proof does not lead from the txid to the header's tx root).
/// </summary>
public sealed class ReceiptVerificationException : FontanaPaymentException
{
    /// <c>bad-receipt-signature</c>: the provisional receipt is not signed by the chain's sequencer key.
    public const string BadReceiptSignature = ErrorCodes.BadReceiptSignature;
    /// <c>bad-header</c>: the block header does not decode, its hash or signature is wrong, or its fields disagree.
    public const string BadHeader = ErrorCodes.BadHeader;
    /// <c>bad-tx-proof</c>: the inclusion proof does not lead from the txid to the header's tx root.
    public const string BadTxProof = ErrorCodes.BadTxProof;

    /// <summary>A <c>bad-receipt-signature</c> with a generic message.</summary>
    public ReceiptVerificationException()
        : this(BadReceiptSignature, "the receipt failed verification")
    {
    }

    /// <summary>A <c>bad-receipt-signature</c> with <paramref name="message"/>.</summary>
    public ReceiptVerificationException(string message)
        : this(BadReceiptSignature, message)
    {
    }

    /// <summary>A <c>bad-receipt-signature</c> caused by <paramref name="innerException"/>.</summary>
    public ReceiptVerificationException(string message, Exception innerException)
        : base(BadReceiptSignature, message, innerException)
    {
    }

    /// <summary>A verification failure with <paramref name="code"/> (one of this type's constants); the message starts with the code.</summary>
    public ReceiptVerificationException(string code, string message)
        : base(code, code + ": " + message)
    {
    }
}
