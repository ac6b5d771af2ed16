using Fontana.Core.Errors;
using Fontana.Core;

namespace Fontana.Sdk;

/// <summary>
/// The wallet cannot cover a payment: what is not already committed to calls in flight (<see cref="Available"/>) is
/// less than the price plus the fee (<see cref="Required"/>). Thrown at once, without waiting for coins.
/// </summary>
public sealed class InsufficientFundsException : FontanaPaymentException
{
    /// <c>insufficient-funds</c>: the wallet's uncommitted funds are less than price plus fee.
    public const string InsufficientFundsCode = ErrorCodes.InsufficientFunds;

    /// <summary>An <c>insufficient-funds</c> with a generic message and no amounts.</summary>
    public InsufficientFundsException()
        : this("insufficient funds")
    {
    }

    /// <summary>An <c>insufficient-funds</c> with <paramref name="message"/> and no amounts.</summary>
    public InsufficientFundsException(string message)
        : base(InsufficientFundsCode, message)
    {
    }

    /// <summary>An <c>insufficient-funds</c> caused by <paramref name="innerException"/>, no amounts.</summary>
    public InsufficientFundsException(string message, Exception innerException)
        : base(InsufficientFundsCode, message, innerException)
    {
    }

    /// <summary>An <c>insufficient-funds</c> naming what was <paramref name="available"/> and what was <paramref name="required"/> (price + fee).</summary>
    public InsufficientFundsException(Amount available, Amount required)
        : base(InsufficientFundsCode, $"{InsufficientFundsCode}: {available} available, {required} required (price + fee)")
    {
        Available = available;
        Required = required;
    }

    /// <summary>Funds of the wallet not committed to other calls in flight when the payment was attempted.</summary>
    public Amount Available { get; }

    /// <summary>What the payment needed: price plus fee.</summary>
    public Amount Required { get; }
}
