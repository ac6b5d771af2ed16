using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>A transaction input was already spent by another transaction (code <c>input-spent</c>, HTTP 409).</summary>
public sealed class InputSpentException : TransactionRejectedException
{
    /// <summary>The ledger's code for a spent input.</summary>
    public const string InputSpentCode = ErrorCodes.InputSpent;

    /// <summary>An <c>input-spent</c> (HTTP 409) with a generic message.</summary>
    public InputSpentException()
        : this("an input of the transaction is already spent")
    {
    }

    /// <summary>An <c>input-spent</c> (HTTP 409) with <paramref name="message"/>.</summary>
    public InputSpentException(string message)
        : base(InputSpentCode, 409, message)
    {
    }

    /// <summary>A rejection caused by <paramref name="innerException"/> (code <c>rejected</c>, HTTP 422, as <see cref="TransactionRejectedException"/>'s same constructor).</summary>
    public InputSpentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An <c>input-spent</c> with the node's HTTP <paramref name="status"/> and problem <c>detail</c>.</summary>
    public InputSpentException(int status, string message, string? detail)
        : base(InputSpentCode, status, message, detail)
    {
    }
}
