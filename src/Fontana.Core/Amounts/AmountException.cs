using Fontana.Core.Errors;

namespace Fontana.Core;

/// <summary>
/// An amount operation failed with a stable code: <c>amount-overflow</c> (a sum or product past the largest
/// amount), <c>amount-below-minimum</c> or <c>amount-above-maximum</c> (<see cref="AmountLimits.Ensure"/>).
/// </summary>
public sealed class AmountException : Exception
{
    /// <summary>An <c>amount-overflow</c> with a generic message (prefer the constructor that takes a code).</summary>
    public AmountException()
        : this(ErrorCodes.AmountOverflow, "the amount is out of range")
    {
    }

    /// <summary>An <c>amount-overflow</c> with <paramref name="message"/> as the reason.</summary>
    public AmountException(string message)
        : this(ErrorCodes.AmountOverflow, message)
    {
    }

    /// <summary>An <c>amount-overflow</c> caused by <paramref name="innerException"/> (e.g. an <see cref="OverflowException"/>).</summary>
    public AmountException(string message, Exception innerException)
        : base(message, innerException) => Code = ErrorCodes.AmountOverflow;

    /// <summary>Creates the exception for <paramref name="code"/>; the message starts with the code.</summary>
    public AmountException(string code, string message)
        : base(code + ": " + message) => Code = code;

    /// <summary>The stable kebab-case code.</summary>
    public string Code { get; }
}
