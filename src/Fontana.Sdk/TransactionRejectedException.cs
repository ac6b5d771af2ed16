namespace Fontana.Sdk;

/// <summary>The node refused a transaction (409 conflict or 422 invalid). <see cref="FontanaApiException.Code"/> is the
/// ledger's rejection code, e.g. <c>fee-too-low</c>, <c>bad-signature</c>.</summary>
public class TransactionRejectedException : FontanaApiException
{
    public TransactionRejectedException()
        : this("rejected", 422, "the transaction was rejected")
    {
    }

    public TransactionRejectedException(string message)
        : this("rejected", 422, message)
    {
    }

    public TransactionRejectedException(string message, Exception innerException)
        : base("rejected", 422, message, null, innerException)
    {
    }

    public TransactionRejectedException(string code, int status, string message, string? detail = null)
        : base(code, status, message, detail)
    {
    }
}
