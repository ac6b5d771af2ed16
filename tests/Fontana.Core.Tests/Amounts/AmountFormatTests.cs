using FsCheck;
using FsCheck.Fluent;

namespace Fontana.Core.Tests.Amounts;

public sealed class AmountFormatTests
{
    [Theory]
    [InlineData(0UL, "0 TIA")]
    [InlineData(1UL, "0.000001 TIA")]
    [InlineData(1_500_000UL, "1.5 TIA")]
    [InlineData(ulong.MaxValue, "18446744073709.551615 TIA")]
    public void Format_Default_IsToString(ulong utia, string expected) =>
        Amount.FromUtia(utia).Format(AmountFormat.Default).ShouldBe(expected);

    [Theory]
    [InlineData(0UL, "0 TIA")]
    [InlineData(999_000_000UL, "999 TIA")]
    [InlineData(1_000_000_000UL, "1,000 TIA")]
    [InlineData(1_234_567_500_000UL, "1,234,567.5 TIA")]
    [InlineData(ulong.MaxValue, "18,446,744,073,709.551615 TIA")]
    public void Format_Grouped_CommaEveryThreeDigits(ulong utia, string expected) =>
        Amount.FromUtia(utia).Format(AmountFormat.Grouped).ShouldBe(expected);

    [Theory]
    [InlineData(1_234_500_000UL, '_', "1_234_500_000utia")]
    [InlineData(999UL, ' ', "999utia")]
    public void Format_UtiaGrouped_SeparatesUtia(ulong utia, char separator, string expected) =>
        Amount.FromUtia(utia).Format(AmountFormat.Utia with { ThousandsSeparator = separator }).ShouldBe(expected);

    [Theory]
    [InlineData(2_500_000UL, 2, AmountRounding.Nearest, "2.50")]
    [InlineData(2_000_000UL, 0, AmountRounding.Nearest, "2")]
    [InlineData(1_234_567UL, 2, AmountRounding.Down, "1.23")]
    [InlineData(1_234_567UL, 2, AmountRounding.Up, "1.24")]
    [InlineData(1_235_000UL, 2, AmountRounding.Nearest, "1.24")]
    [InlineData(1_234_999UL, 2, AmountRounding.Nearest, "1.23")]
    [InlineData(999_999UL, 3, AmountRounding.Nearest, "1.000")]
    [InlineData(999_999UL, 0, AmountRounding.Up, "1")]
    [InlineData(1UL, 6, AmountRounding.Down, "0.000001")]
    [InlineData(ulong.MaxValue, 0, AmountRounding.Up, "18446744073710")]
    public void Format_FixedDecimalsNoUnit_RoundsAsAsked(ulong utia, int decimals, AmountRounding rounding, string expected) =>
        Amount.FromUtia(utia).Format(new AmountFormat { ShowUnit = false, Decimals = decimals, Rounding = rounding }).ShouldBe(expected);

    [Fact]
    public void Format_UtiaWithoutUnit_IsTheJsonForm() =>
        Amount.FromUtia(1_500_000).Format(AmountFormat.Utia with { ShowUnit = false }).ShouldBe("1500000");

    [Theory]
    [InlineData(7)]
    [InlineData(-1)]
    public void Format_DecimalsOutOfRange_Throws(int decimals) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Amount.FromTia(1).Format(new AmountFormat { Decimals = decimals }));

    [Fact]
    public void Format_DigitSeparator_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Amount.FromTia(1).Format(new AmountFormat { ThousandsSeparator = '5' }));

    [Fact]
    public void Format_GroupedThenSeparatorRemoved_ParsesBack()
    {
        Prop.ForAll(AmountGen.AnyAmount, amount =>
        {
            var grouped = amount.Format(AmountFormat.Grouped).Replace(",", string.Empty, StringComparison.Ordinal);
            var utia = amount.Format(AmountFormat.Utia with { ThousandsSeparator = '_' }).Replace("_", string.Empty, StringComparison.Ordinal);
            return Amount.Parse(grouped) == amount && Amount.Parse(utia) == amount;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Format_RoundedDecimals_WithinHalfAStepAndOnTheRightSide()
    {
        // Below the top TIA, where rounding up would pass the largest amount and not parse back.
        var amounts = AmountGen.Utia.Where(u => u < ulong.MaxValue - Amount.UtiaPerTia).Select(Amount.FromUtia).ToArbitrary();
        Prop.ForAll(amounts, Gen.Choose(0, 6).ToArbitrary(), (amount, decimals) =>
        {
            var step = (ulong)Math.Pow(10, 6 - decimals);
            var down = Amount.Parse(amount.Format(new AmountFormat { Decimals = decimals, Rounding = AmountRounding.Down }));
            var up = Amount.Parse(amount.Format(new AmountFormat { Decimals = decimals, Rounding = AmountRounding.Up }));
            var near = Amount.Parse(amount.Format(new AmountFormat { Decimals = decimals }));
            return down <= amount && amount.Utia - down.Utia < step
                && (up == amount || (up > amount && up.Utia - amount.Utia < step))
                && (near == down || near == up);
        }).QuickCheckThrowOnFailure();
    }
}
