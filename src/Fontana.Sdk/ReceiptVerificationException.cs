using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>
/// A receipt failed verification: <c>bad-receipt-signature</c> (provisional receipt not signed by the chain's
/// sequencer), <c>bad-header</c> (block header does not decode, hash or signature wrong, or fields disagree),
/// <c>bad-tx-proof</c> (the inclusion proof does not lead from the txid to the header's tx root).
/// </summary>
public sealed class ReceiptVerificationException : FontanaPaymentException
{
    public const string BadReceiptSignature = ErrorCodes.BadReceiptSignature;
    public const string BadHeader = ErrorCodes.BadHeader;
    public const string BadTxProof = ErrorCodes.BadTxProof;

    public ReceiptVerificationException()
        : this(BadReceiptSignature, "the receipt failed verification")
    {
    }

    public ReceiptVerificationException(string message)
        : this(BadReceiptSignature, message)
    {
    }

    public ReceiptVerificationException(string message, Exception innerException)
        : base(BadReceiptSignature, message, innerException)
    {
    }

    public ReceiptVerificationException(string code, string message)
        : base(code, code + ": " + message)
    {
    }
}
