namespace Fontana.Sdk;

/// <summary>The node refused a transaction (409 conflict or 422 invalid). <see cref="FontanaApiException.Code"/> is the
/// ledger's rejection code, e.g. <c>fee-too-low</c>, <c>bad-signature</c>.</summary>
public class TransactionRejectedException : FontanaApiException
{
    /// <summary>A <c>rejected</c> (HTTP 422) with a generic message (prefer the constructor that takes the ledger's code).</summary>
    public TransactionRejectedException()
        : this("rejected", 422, "the transaction was rejected")
    {
    }

    /// <summary>A <c>rejected</c> (HTTP 422) with <paramref name="message"/>.</summary>
    public TransactionRejectedException(string message)
        : this("rejected", 422, message)
    {
    }

    /// <summary>A <c>rejected</c> (HTTP 422) caused by <paramref name="innerException"/>.</summary>
    public TransactionRejectedException(string message, Exception innerException)
        : base("rejected", 422, message, null, innerException)
    {
    }

    /// <summary>A rejection with the ledger's <paramref name="code"/> (e.g. <c>fee-too-low</c>), the HTTP <paramref name="status"/> (409 or 422) and problem <c>detail</c>.</summary>
    public TransactionRejectedException(string code, int status, string message, string? detail = null)
        : base(code, status, message, detail)
    {
    }
}
