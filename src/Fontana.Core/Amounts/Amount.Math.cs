using Fontana.Core.Errors;

namespace Fontana.Core;

public readonly partial struct Amount
{
    /// <summary>One hundred percent in basis points (1 basis point = 0.01 %).</summary>
    public const ulong BasisPointsPerWhole = 10_000;

    /// <summary>The sum of <paramref name="amounts"/>, checked.</summary>
    /// <exception cref="AmountException">Code <c>amount-overflow</c> when the sum passes <see cref="MaxValue"/>.</exception>
    public static Amount Sum(IEnumerable<Amount> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero;
        var count = 0;
        foreach (var amount in amounts)
        {
            count++;
            if (!TryAdd(total, amount, out total))
            {
                throw Overflow($"the sum of {count} amounts passes the largest amount ({MaxValue})");
            }
        }

        return total;
    }

    /// <summary>The sum of <paramref name="amounts"/>, checked; false (and zero) when it passes <see cref="MaxValue"/>.</summary>
    public static bool TrySum(ReadOnlySpan<Amount> amounts, out Amount sum)
    {
        sum = Zero;
        foreach (var amount in amounts)
        {
            if (!TryAdd(sum, amount, out sum))
            {
                sum = Zero;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// This amount × <paramref name="numerator"/> / <paramref name="denominator"/>, computed in 128 bits (no
    /// intermediate overflow) and rounded to a whole utia as <paramref name="rounding"/> says.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="denominator"/> is zero.</exception>
    /// <exception cref="AmountException">Code <c>amount-overflow</c> when the result passes <see cref="MaxValue"/>.</exception>
    public Amount MultiplyRatio(ulong numerator, ulong denominator, AmountRounding rounding = AmountRounding.Down) =>
        TryMultiplyRatio(numerator, denominator, rounding, out var result)
            ? result
            : throw Overflow($"{this} × {numerator} / {denominator} passes the largest amount ({MaxValue})");

    /// <summary>As <see cref="MultiplyRatio"/>, false (and zero) when the result passes <see cref="MaxValue"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="denominator"/> is zero.</exception>
    public bool TryMultiplyRatio(ulong numerator, ulong denominator, AmountRounding rounding, out Amount result)
    {
        ArgumentOutOfRangeException.ThrowIfZero(denominator);
        var product = (UInt128)Utia * numerator;
        var quotient = product / denominator;
        var remainder = product % denominator;
        var roundUp = rounding switch
        {
            AmountRounding.Up => remainder > 0,
            AmountRounding.Nearest => remainder >= denominator - remainder,
            _ => false,
        };
        if (roundUp)
        {
            quotient++;
        }

        if (quotient > ulong.MaxValue)
        {
            result = Zero;
            return false;
        }

        result = new Amount((ulong)quotient);
        return true;
    }

    /// <summary>
    /// <paramref name="basisPoints"/> hundredths of a percent of this amount (250 = 2.5 %, 10,000 = all of it, more is
    /// allowed), rounded as <paramref name="rounding"/> says.
    /// </summary>
    /// <exception cref="AmountException">Code <c>amount-overflow</c> when the result passes <see cref="MaxValue"/>.</exception>
    public Amount PercentOf(ulong basisPoints, AmountRounding rounding = AmountRounding.Down) =>
        MultiplyRatio(basisPoints, BasisPointsPerWhole, rounding);

    /// <summary>What share of <paramref name="whole"/> this amount is, in basis points (rounded as
    /// <paramref name="rounding"/> says): 1.5 TIA of 6 TIA is 2,500.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="whole"/> is zero.</exception>
    /// <exception cref="AmountException">Code <c>amount-overflow</c> when the share passes <see cref="ulong.MaxValue"/> basis points.</exception>
    public ulong ShareOf(Amount whole, AmountRounding rounding = AmountRounding.Down) =>
        MultiplyRatio(BasisPointsPerWhole, whole.Utia, rounding).Utia;

    /// <summary>
    /// Splits this amount into <paramref name="parts"/> amounts that differ by at most one utia and add up to exactly
    /// this amount (the first ones carry the remainder).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is less than 1.</exception>
    public Amount[] Split(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var share = Utia / (ulong)parts;
        var remainder = Utia % (ulong)parts;
        var result = new Amount[parts];
        for (var i = 0; i < parts; i++)
        {
            result[i] = new Amount(share + ((ulong)i < remainder ? 1UL : 0UL));
        }

        return result;
    }

    /// <summary>Whether this amount is within <paramref name="limits"/> (a value, never an exception).</summary>
    public AmountCheck CheckWithin(AmountLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return limits.Check(this);
    }

    private static AmountException Overflow(string message) => new(ErrorCodes.AmountOverflow, message);
}
