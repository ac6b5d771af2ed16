using FsCheck;
using FsCheck.Fluent;

namespace Fontana.Core.Tests;

public class AmountTests
{
    /// <summary>Any u64: small, near the top, and everything in between.</summary>
    private static readonly Arbitrary<ulong> AnyUtia = Arb.From(
        Gen.OneOf(
            Gen.Choose(0, 3_000_000).Select(i => (ulong)i),
            Gen.Choose(0, 1_000_000).Select(i => ulong.MaxValue - (ulong)i),
            Gen.Choose(0, 65535).Select(i => (ulong)(uint)i).Four().Select(t => (t.Item1 << 48) | (t.Item2 << 32) | (t.Item3 << 16) | t.Item4)));

    [Fact]
    public void ToString_Parse_RoundTripsEveryAmount()
    {
        Prop.ForAll(AnyUtia, utia =>
        {
            var amount = Amount.FromUtia(utia);
            return Amount.Parse(amount.ToString()) == amount
                && Amount.Parse(amount.ToUtiaString()) == amount
                && Amount.ParseUtia(utia.ToString(System.Globalization.CultureInfo.InvariantCulture)) == amount;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(0UL, "0 TIA")]
    [InlineData(1UL, "0.000001 TIA")]
    [InlineData(1_500_000UL, "1.5 TIA")]
    [InlineData(2_000_000UL, "2 TIA")]
    [InlineData(ulong.MaxValue, "18446744073709.551615 TIA")]
    public void ToString_KnownAmounts_FormatsAsTia(ulong utia, string expected)
    {
        Amount.FromUtia(utia).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("1.5 TIA", 1_500_000UL)]
    [InlineData("1.5TIA", 1_500_000UL)]
    [InlineData(" 0.5 tia ", 500_000UL)]
    [InlineData("1500000utia", 1_500_000UL)]
    [InlineData("1500000 UTIA", 1_500_000UL)]
    [InlineData("0.000001 TIA", 1UL)]
    [InlineData("18446744073709.551615 TIA", ulong.MaxValue)]
    [InlineData("18446744073709551615utia", ulong.MaxValue)]
    public void Parse_ValidText_GivesUtia(string text, ulong utia)
    {
        Amount.Parse(text).Utia.ShouldBe(utia);
    }

    [Theory]
    [InlineData("18446744073709551616utia")]
    [InlineData("99999999999999999999999utia")]
    [InlineData("18446744073709.551616 TIA")]
    [InlineData("18446744073710 TIA")]
    [InlineData("99999999999999999999 TIA")]
    public void TryParse_PastLargestAmount_ReportsOverflow(string text)
    {
        Amount.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain("larger than the largest amount");
    }

    [Fact]
    public void Arithmetic_Overflow_IsCaught()
    {
        Should.Throw<OverflowException>(() => Amount.MaxValue + Amount.FromUtia(1));
        Should.Throw<OverflowException>(() => Amount.Zero - Amount.FromUtia(1));
        Should.Throw<OverflowException>(() => Amount.FromUtia(ulong.MaxValue / 2 + 1) * 2);
        Should.Throw<OverflowException>(() => Amount.FromTia(ulong.MaxValue / Amount.UtiaPerTia + 1));
        Amount.TryAdd(Amount.MaxValue, Amount.FromUtia(1), out _).ShouldBeFalse();
        Amount.TryAdd(Amount.MaxValue, Amount.Zero, out var max).ShouldBeTrue();
        max.ShouldBe(Amount.MaxValue);
    }

    [Theory]
    [InlineData("", "amount is empty")]
    [InlineData("   ", "amount is empty")]
    [InlineData("1.5", "has no unit")]
    [InlineData("1.5 BTC", "has no unit")]
    [InlineData("TIA", "has no digits")]
    [InlineData("utia", "has no digits")]
    [InlineData("abc TIA", "is not a decimal number of TIA")]
    [InlineData("-1 TIA", "is not a decimal number of TIA")]
    [InlineData("1,5 TIA", "is not a decimal number of TIA")]
    [InlineData("1.2.3 TIA", "is not a decimal number of TIA")]
    [InlineData("1. TIA", "ends with a decimal point")]
    [InlineData("1.0000001 TIA", "more than 6 decimal places")]
    [InlineData("1e6 utia", "must be a whole number of utia")]
    [InlineData("1.5utia", "must be a whole number of utia")]
    [InlineData("-5utia", "must be a whole number of utia")]
    public void TryParse_BadText_ExplainsWhy(string text, string expectedMessagePart)
    {
        Amount.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain(expectedMessagePart);
        Should.Throw<FormatException>(() => Amount.Parse(text)).Message.ShouldBe(error);
    }

    [Theory]
    [InlineData(null, "amount is missing")]
    [InlineData("", "has no digits")]
    [InlineData("1.5", "must be a whole number of utia")]
    [InlineData("18446744073709551616", "larger than the largest amount")]
    public void TryParseUtia_BadJsonDigits_ExplainsWhy(string? text, string expectedMessagePart)
    {
        Amount.TryParseUtia(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain(expectedMessagePart);
    }
}
