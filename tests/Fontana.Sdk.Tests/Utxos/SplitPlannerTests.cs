using Fontana.Core;
using Fontana.Sdk.Utxos;
using static Fontana.Sdk.Tests.Support.TestCoins;

namespace Fontana.Sdk.Tests.Utxos;

public class SplitPlannerTests
{
    private static readonly Amount Fee = Utia(100);

    private static CachedUtxo Coin(int n, ulong amount) => new(Op(n), Utia(amount), UtxoStatus.Available, null);

    [Fact]
    public void Plan_OneLargeOutput_EqualOutputsOfCommonPricePlusChange()
    {
        var strategy = new SplitStrategy { OutputsPerWaitingCall = 2, MinimumOutputs = 1 };
        var plan = SplitPlanner.Plan([Utia(1_100), Utia(1_100), Utia(1_100)], [Coin(1, 1_000_000)], Fee, strategy)!;

        plan.Inputs.Select(i => i.OutPoint).ShouldBe([Op(1)]);
        plan.DemandOutputCount.ShouldBe(6);
        plan.Outputs.Take(6).ShouldAllBe(a => a == Utia(1_100));
        plan.Change.ShouldBe(Utia(1_000_000 - (6 * 1_100) - 100));
        plan.Outputs[^1].ShouldBe(plan.Change);
        plan.Fee.ShouldBe(Fee);
        (plan.Outputs.Aggregate(Amount.Zero, (a, b) => a + b) + plan.Fee).ShouldBe(plan.InputTotal);
    }

    [Fact]
    public void Plan_ChangeInFourParts_EqualPartsSumToTheChangeValueConserved()
    {
        var strategy = new SplitStrategy { OutputsPerWaitingCall = 2, MinimumOutputs = 1 };
        var plan = SplitPlanner.Plan([Utia(1_100), Utia(1_100)], [Coin(1, 1_000_003)], Fee, strategy, changeParts: 4)!;

        plan.DemandOutputCount.ShouldBe(4);
        plan.ChangeParts.ShouldBe(4);
        plan.Outputs.Count.ShouldBe(8);
        plan.Change.ShouldBe(Utia(1_000_003 - (4 * 1_100) - 100));
        plan.Outputs.Skip(4).Aggregate(Amount.Zero, (a, b) => a + b).ShouldBe(plan.Change);
        plan.Outputs.Skip(4).Take(3).ShouldAllBe(a => a == Utia(plan.Change.Utia / 4));
        (plan.Outputs.Aggregate(Amount.Zero, (a, b) => a + b) + plan.Fee).ShouldBe(plan.InputTotal);
    }

    [Fact]
    public void Plan_ChangeTooSmallForFourParts_FewerPartsEachAtLeastTheSplitsWorth()
    {
        var strategy = new SplitStrategy { OutputsPerWaitingCall = 1, MinimumOutputs = 1 };

        // Demand outputs + fee = 1,200; the change of 2,500 makes two parts of at least 1,200, not four.
        var plan = SplitPlanner.Plan([Utia(1_100)], [Coin(1, 3_700)], Fee, strategy, changeParts: 4)!;

        plan.ChangeParts.ShouldBe(2);
        plan.Outputs.ShouldBe([Utia(1_100), Utia(1_250), Utia(1_250)]);
        plan.DemandOutputCount.ShouldBe(1);
    }

    [Fact]
    public void Plan_PicksSmallestSingleOutputCoveringEverything()
    {
        var strategy = new SplitStrategy { MinimumOutputs = 4, OutputsPerWaitingCall = 1 };
        var plan = SplitPlanner.Plan([Utia(1_000)], [Coin(1, 3_000), Coin(2, 4_100), Coin(3, 9_000)], Fee, strategy)!;
        plan.Inputs.Single().OutPoint.ShouldBe(Op(2));
        plan.DemandOutputCount.ShouldBe(4);
        plan.Change.ShouldBe(Amount.Zero);
        plan.Outputs.Count.ShouldBe(4);
    }

    [Fact]
    public void Plan_NoSingleOutputCovers_ConsolidatesLargestFirst()
    {
        var strategy = new SplitStrategy { MinimumOutputs = 1, OutputsPerWaitingCall = 1 };
        var plan = SplitPlanner.Plan([Utia(1_000)], [Coin(1, 300), Coin(2, 400), Coin(3, 500)], Fee, strategy)!;
        plan.Inputs.Select(i => i.OutPoint).ShouldBe([Op(3), Op(2), Op(1)]);
        plan.Outputs.ShouldBe([Utia(1_000), Utia(100)]);
        plan.Change.ShouldBe(Utia(100));
    }

    [Fact]
    public void Plan_FundsShort_ShrinksOutputsToWhatInputsPay()
    {
        var strategy = new SplitStrategy { MinimumOutputs = 10 };
        var plan = SplitPlanner.Plan([Utia(1_000), Utia(1_000)], [Coin(1, 3_500)], Fee, strategy)!;
        plan.DemandOutputCount.ShouldBe(3);
        plan.Change.ShouldBe(Utia(400));
    }

    [Fact]
    public void Plan_MixedPrices_CommonPriceGetsStrategyCount_OthersOneEach()
    {
        var strategy = new SplitStrategy { OutputsPerWaitingCall = 3, MinimumOutputs = 1 };
        var plan = SplitPlanner.Plan([Utia(500), Utia(2_000), Utia(500)], [Coin(1, 100_000)], Fee, strategy)!;
        plan.Outputs.Take(plan.DemandOutputCount).ShouldBe([Utia(500), Utia(500), Utia(500), Utia(500), Utia(500), Utia(500), Utia(2_000)]);
    }

    [Fact]
    public void Plan_OutputCountCappedByProtocolLimit()
    {
        var demand = Enumerable.Repeat(Utia(10), 1_000).ToArray();
        var plan = SplitPlanner.Plan(demand, [Coin(1, 10_000_000)], Fee, new SplitStrategy())!;
        plan.DemandOutputCount.ShouldBe(SplitStrategy.MaxOutputsPerSplit);
        plan.Outputs.Count.ShouldBe(SplitStrategy.MaxOutputsPerSplit + 1);
    }

    [Fact]
    public void Plan_NoConsolidation_SplitsLargestAloneIntoWhatItPays()
    {
        var strategy = new SplitStrategy { MinimumOutputs = 10 };
        var plan = SplitPlanner.Plan([Utia(1_000)], [Coin(1, 2_000), Coin(2, 4_150)], Fee, strategy, consolidate: false)!;
        plan.Inputs.Single().OutPoint.ShouldBe(Op(2));
        plan.DemandOutputCount.ShouldBe(4);
        plan.Change.ShouldBe(Utia(50));
    }

    [Fact]
    public void Plan_InputsCannotPayFeeAndOneOutput_ReturnsNull()
    {
        SplitPlanner.Plan([Utia(1_000)], [Coin(1, 100)], Fee, new SplitStrategy()).ShouldBeNull();
        SplitPlanner.Plan([Utia(1_000)], [], Fee, new SplitStrategy()).ShouldBeNull();
        SplitPlanner.Plan([], [Coin(1, 100_000)], Fee, new SplitStrategy()).ShouldBeNull();
    }

    [Fact]
    public void GetOutputCount_DefaultStrategy_EightPerWaiterWithinBounds()
    {
        var strategy = new SplitStrategy();
        strategy.GetOutputCount(Utia(1), 1).ShouldBe(16);
        strategy.GetOutputCount(Utia(1), 10).ShouldBe(80);
        strategy.GetOutputCount(Utia(1), 999).ShouldBe(255);
    }
}
