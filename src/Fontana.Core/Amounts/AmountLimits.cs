using Fontana.Core.Errors;

namespace Fontana.Core;

/// <summary>
/// An inclusive range an amount must fall in (a price cap, a minimum transfer, a budget per call). Checking returns
/// a value (<see cref="Check"/>); <see cref="Ensure"/> throws <see cref="AmountException"/> with the same code.
/// </summary>
public sealed record AmountLimits
{
    /// <summary>Limits from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    /// <exception cref="ArgumentException"><paramref name="minimum"/> is above <paramref name="maximum"/>.</exception>
    public AmountLimits(Amount minimum, Amount maximum)
    {
        if (minimum > maximum)
        {
            throw new ArgumentException($"the minimum {minimum} is above the maximum {maximum}", nameof(minimum));
        }

        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>Any amount: zero to <see cref="Amount.MaxValue"/>.</summary>
    public static AmountLimits Any { get; } = new(Amount.Zero, Amount.MaxValue);

    /// <summary>The smallest amount allowed.</summary>
    public Amount Minimum { get; }

    /// <summary>The largest amount allowed.</summary>
    public Amount Maximum { get; }

    /// <summary>At least <paramref name="minimum"/>, no maximum.</summary>
    public static AmountLimits AtLeast(Amount minimum) => new(minimum, Amount.MaxValue);

    /// <summary>At most <paramref name="maximum"/> (zero included).</summary>
    public static AmountLimits AtMost(Amount maximum) => new(Amount.Zero, maximum);

    /// <summary>Whether <paramref name="amount"/> is within the limits; never throws.</summary>
    public AmountCheck Check(Amount amount)
    {
        if (amount < Minimum)
        {
            return new AmountCheck(ErrorCodes.AmountBelowMinimum, $"{amount} is below the minimum of {Minimum}");
        }

        if (amount > Maximum)
        {
            return new AmountCheck(ErrorCodes.AmountAboveMaximum, $"{amount} is above the maximum of {Maximum}");
        }

        return AmountCheck.Valid;
    }

    /// <summary>Returns <paramref name="amount"/> when it is within the limits.</summary>
    /// <exception cref="AmountException">Code <c>amount-below-minimum</c> or <c>amount-above-maximum</c>.</exception>
    public Amount Ensure(Amount amount)
    {
        var check = Check(amount);
        return check.IsValid ? amount : throw new AmountException(check.Code!, check.Message!);
    }
}
