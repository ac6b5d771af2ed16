namespace Fontana.Ledger;

/// <summary>A ledger failure with a stable code from <see cref="LedgerErrorCodes"/>.</summary>
public sealed class LedgerException : Exception
{
    /// <summary>A failure with <paramref name="code"/> (a <see cref="LedgerErrorCodes"/> value) and what went wrong.</summary>
    public LedgerException(string code, string message)
        : base(message) => Code = code;

    /// <summary>A failure with <paramref name="code"/> caused by <paramref name="innerException"/> (e.g. a store error).</summary>
    public LedgerException(string code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>A <c>ledger-unavailable</c> with a generic message.</summary>
    public LedgerException()
        : this(LedgerErrorCodes.LedgerUnavailable, "the ledger failed")
    {
    }

    /// <summary>A <c>ledger-unavailable</c> with <paramref name="message"/>.</summary>
    public LedgerException(string message)
        : this(LedgerErrorCodes.LedgerUnavailable, message)
    {
    }

    /// <summary>A <c>ledger-unavailable</c> caused by <paramref name="innerException"/>.</summary>
    public LedgerException(string message, Exception innerException)
        : this(LedgerErrorCodes.LedgerUnavailable, message, innerException)
    {
    }

    /// <summary>The stable kebab-case code.</summary>
    public string Code { get; }
}
