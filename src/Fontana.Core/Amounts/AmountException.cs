using Fontana.Core.Errors;

namespace Fontana.Core;

/// <summary>
/// An amount operation failed with a stable code: <c>amount-overflow</c> (a sum or product past the largest
/// amount), <c>amount-below-minimum</c> or <c>amount-above-maximum</c> (<see cref="AmountLimits.Ensure"/>).
/// </summary>
public sealed class AmountException : Exception
{
    public AmountException()
        : this(ErrorCodes.AmountOverflow, "the amount is out of range")
    {
    }

    public AmountException(string message)
        : this(ErrorCodes.AmountOverflow, message)
    {
    }

    public AmountException(string message, Exception innerException)
        : base(message, innerException) => Code = ErrorCodes.AmountOverflow;

    /// <summary>Creates the exception for <paramref name="code"/>; the message starts with the code.</summary>
    public AmountException(string code, string message)
        : base(code + ": " + message) => Code = code;

    /// <summary>The stable kebab-case code.</summary>
    public string Code { get; }
}
