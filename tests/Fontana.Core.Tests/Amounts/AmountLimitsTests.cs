using FsCheck;
using FsCheck.Fluent;

namespace Fontana.Core.Tests.Amounts;

public sealed class AmountLimitsTests
{
    private static readonly AmountLimits PerCall = new(Amount.Parse("1000utia"), Amount.Parse("0.01 TIA"));

    [Fact]
    public void Check_Below_AmountBelowMinimumNamingTheMinimum()
    {
        var check = PerCall.Check(Amount.Parse("999utia"));

        check.IsValid.ShouldBeFalse();
        check.Code.ShouldBe("amount-below-minimum");
        check.Message.ShouldBe("0.000999 TIA is below the minimum of 0.001 TIA");
    }

    [Fact]
    public void Check_Above_AmountAboveMaximumNamingTheMaximum()
    {
        var check = PerCall.Check(Amount.Parse("0.010001 TIA"));

        check.Code.ShouldBe("amount-above-maximum");
        check.Message.ShouldBe("0.010001 TIA is above the maximum of 0.01 TIA");
    }

    [Fact]
    public void Check_OnTheLimits_Valid()
    {
        PerCall.Check(PerCall.Minimum).ShouldBe(AmountCheck.Valid);
        Amount.Parse("0.01 TIA").CheckWithin(PerCall).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Ensure_Outside_ThrowsWithTheSameCode()
    {
        Should.Throw<AmountException>(() => PerCall.Ensure(Amount.Zero)).Code.ShouldBe("amount-below-minimum");
        Should.Throw<AmountException>(() => AmountLimits.AtMost(Amount.FromTia(1)).Ensure(Amount.FromTia(2))).Code.ShouldBe("amount-above-maximum");
        AmountLimits.AtLeast(Amount.FromTia(1)).Ensure(Amount.MaxValue).ShouldBe(Amount.MaxValue);
    }

    [Fact]
    public void Constructor_MinimumAboveMaximum_Throws() =>
        Should.Throw<ArgumentException>(() => new AmountLimits(Amount.FromTia(2), Amount.FromTia(1)));

    [Fact]
    public void Check_AgreesWithComparison()
    {
        Prop.ForAll(AmountGen.AnyAmount, AmountGen.AnyAmount, AmountGen.AnyAmount, (a, b, x) =>
        {
            var limits = new AmountLimits(a < b ? a : b, a < b ? b : a);
            var check = limits.Check(x);
            return check.IsValid == (x >= limits.Minimum && x <= limits.Maximum)
                && (check.IsValid || check.Code == (x < limits.Minimum ? "amount-below-minimum" : "amount-above-maximum"));
        }).QuickCheckThrowOnFailure();
    }
}
