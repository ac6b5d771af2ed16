using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Fontana.Core.Errors;

namespace Fontana.Core.Tests.Amounts;

public sealed class AmountMathTests
{
    [Fact]
    public void Sum_EqualsTheExactSumOrOverflowsWithCode()
    {
        Prop.ForAll(AmountGen.AmountLists, amounts =>
        {
            var exact = amounts.Aggregate(BigInteger.Zero, (s, a) => s + a.Utia);
            var fits = exact <= ulong.MaxValue;
            var trySum = Amount.TrySum(amounts, out var sum);
            if (fits)
            {
                return trySum && sum.Utia == (ulong)exact && Amount.Sum(amounts) == sum;
            }

            var thrown = Should.Throw<AmountException>(() => Amount.Sum(amounts));
            return !trySum && sum == Amount.Zero && thrown.Code == ErrorCodes.AmountOverflow;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sum_MaxPlusOne_AmountOverflow()
    {
        var ex = Should.Throw<AmountException>(() => Amount.Sum([Amount.MaxValue, Amount.FromUtia(1)]));
        ex.Code.ShouldBe("amount-overflow");
        ex.Message.ShouldStartWith("amount-overflow: the sum of 2 amounts");
    }

    [Fact]
    public void MultiplyRatio_MatchesBigIntegerArithmeticForEveryRounding()
    {
        var ratios = Gen.Choose(0, int.MaxValue).Select(i => (ulong)i).Two().Where(t => t.Item2 > 0).ToArbitrary();
        Prop.ForAll(AmountGen.AnyAmount, ratios, (amount, ratio) =>
        {
            var (numerator, denominator) = ratio;
            var product = new BigInteger(amount.Utia) * numerator;
            var down = BigInteger.Divide(product, denominator);
            var remainder = product - (down * denominator);
            var expected = new Dictionary<AmountRounding, BigInteger>
            {
                [AmountRounding.Down] = down,
                [AmountRounding.Up] = remainder > 0 ? down + 1 : down,
                [AmountRounding.Nearest] = remainder * 2 >= denominator ? down + 1 : down,
            };
            foreach (var (rounding, value) in expected)
            {
                var ok = amount.TryMultiplyRatio(numerator, denominator, rounding, out var result);
                if (ok != (value <= ulong.MaxValue) || (ok && result.Utia != (ulong)value))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(1_000_000UL, 250UL, AmountRounding.Down, 25_000UL)]
    [InlineData(1UL, 5_000UL, AmountRounding.Down, 0UL)]
    [InlineData(1UL, 5_000UL, AmountRounding.Up, 1UL)]
    [InlineData(1UL, 5_000UL, AmountRounding.Nearest, 1UL)]
    [InlineData(3UL, 3_333UL, AmountRounding.Nearest, 1UL)]
    [InlineData(ulong.MaxValue, 10_000UL, AmountRounding.Down, ulong.MaxValue)]
    public void PercentOf_BasisPoints_Rounded(ulong utia, ulong basisPoints, AmountRounding rounding, ulong expected) =>
        Amount.FromUtia(utia).PercentOf(basisPoints, rounding).Utia.ShouldBe(expected);

    [Fact]
    public void PercentOf_MoreThanAllOfTheMaximum_AmountOverflow() =>
        Should.Throw<AmountException>(() => Amount.MaxValue.PercentOf(10_001)).Code.ShouldBe("amount-overflow");

    [Fact]
    public void PercentOf_NeverOverflowsInBetween_ForShareUpToWhole()
    {
        Prop.ForAll(AmountGen.AnyAmount, Gen.Choose(0, 10_000).ToArbitrary(), (amount, bp) =>
            amount.PercentOf((ulong)bp) <= amount).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ShareOf_IsBasisPoints() =>
        Amount.Parse("1.5 TIA").ShareOf(Amount.Parse("6 TIA")).ShouldBe(2_500UL);

    [Fact]
    public void ShareOf_ZeroWhole_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Amount.FromTia(1).ShareOf(Amount.Zero));

    [Fact]
    public void Split_PartsAddUpExactlyAndDifferByAtMostOne()
    {
        Prop.ForAll(AmountGen.AnyAmount, Gen.Choose(1, 50).ToArbitrary(), (amount, parts) =>
        {
            var split = amount.Split(parts);
            return split.Length == parts
                && Amount.Sum(split) == amount
                && split.Max().Utia - split.Min().Utia <= 1;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Split_ZeroParts_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Amount.FromTia(1).Split(0));
}
