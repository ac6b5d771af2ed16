namespace Fontana.Ledger;

/// <summary>A ledger failure with a stable code from <see cref="LedgerErrorCodes"/>.</summary>
public sealed class LedgerException : Exception
{
    public LedgerException(string code, string message)
        : base(message) => Code = code;

    public LedgerException(string code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    public LedgerException()
        : this(LedgerErrorCodes.LedgerUnavailable, "the ledger failed")
    {
    }

    public LedgerException(string message)
        : this(LedgerErrorCodes.LedgerUnavailable, message)
    {
    }

    public LedgerException(string message, Exception innerException)
        : this(LedgerErrorCodes.LedgerUnavailable, message, innerException)
    {
    }

    /// <summary>The stable kebab-case code.</summary>
    public string Code { get; }
}
