using Fontana.Core.Errors;

namespace Fontana.Sdk;

/// <summary>A transaction input was already spent by another transaction (code <c>input-spent</c>, HTTP 409).</summary>
public sealed class InputSpentException : TransactionRejectedException
{
    /// <summary>The ledger's code for a spent input.</summary>
    public const string InputSpentCode = ErrorCodes.InputSpent;

    public InputSpentException()
        : this("an input of the transaction is already spent")
    {
    }

    public InputSpentException(string message)
        : base(InputSpentCode, 409, message)
    {
    }

    public InputSpentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InputSpentException(int status, string message, string? detail)
        : base(InputSpentCode, status, message, detail)
    {
    }
}
