using Fontana.Core.Errors;
using Fontana.Core;

namespace Fontana.Sdk;

/// <summary>
/// The wallet cannot cover a payment: what is not already committed to calls in flight (<see cref="Available"/>) is
/// less than the price plus the fee (<see cref="Required"/>). Thrown at once, without waiting for coins.
/// </summary>
public sealed class InsufficientFundsException : FontanaPaymentException
{
    public const string InsufficientFundsCode = ErrorCodes.InsufficientFunds;

    public InsufficientFundsException()
        : this("insufficient funds")
    {
    }

    public InsufficientFundsException(string message)
        : base(InsufficientFundsCode, message)
    {
    }

    public InsufficientFundsException(string message, Exception innerException)
        : base(InsufficientFundsCode, message, innerException)
    {
    }

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
