using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Plans a just-in-time split (pure: no I/O, no locks). Demand: the amounts the waiting calls need, oldest first.
/// Outputs: <see cref="SplitStrategy.GetOutputCount"/> equal outputs of the most common amount (ties: the smaller),
/// then one output per call waiting for another amount; shrunk from the end until the inputs pay for them and the fee.
/// Inputs: the smallest free output covering everything, else the largest free outputs until covered.
/// </summary>
internal static class SplitPlanner
{
    public static SplitPlan? Plan(ReadOnlySpan<Amount> demand, IReadOnlyList<CachedUtxo> availableAscending, Amount fee, SplitStrategy strategy)
    {
        if (demand.IsEmpty || availableAscending.Count == 0)
        {
            return null;
        }

        var outputs = DesiredOutputs(demand, strategy);
        var wanted = fee;
        for (var i = 0; i < outputs.Count; i++)
        {
            wanted += outputs[i];
        }

        var inputs = SelectInputs(availableAscending, wanted, strategy.MaximumInputs, out var inputTotal);
        if (inputTotal <= fee)
        {
            return null;
        }

        var budget = inputTotal - fee;
        var outputTotal = wanted - fee;
        while (outputs.Count > 0 && outputTotal > budget)
        {
            outputTotal -= outputs[^1];
            outputs.RemoveAt(outputs.Count - 1);
        }

        if (outputs.Count == 0)
        {
            return null;
        }

        var change = budget - outputTotal;
        if (!change.IsZero)
        {
            outputs.Add(change);
        }

        return new SplitPlan(inputs, outputs, fee, change);
    }

    private static List<Amount> DesiredOutputs(ReadOnlySpan<Amount> demand, SplitStrategy strategy)
    {
        // Count calls per distinct amount (few distinct prices in practice: a linear scan beats hashing).
        var amounts = new List<Amount>(4);
        var counts = new List<int>(4);
        foreach (var amount in demand)
        {
            var index = amounts.IndexOf(amount);
            if (index < 0)
            {
                amounts.Add(amount);
                counts.Add(1);
            }
            else
            {
                counts[index]++;
            }
        }

        var common = 0;
        for (var i = 1; i < amounts.Count; i++)
        {
            if (counts[i] > counts[common] || (counts[i] == counts[common] && amounts[i] < amounts[common]))
            {
                common = i;
            }
        }

        var max = Math.Clamp(strategy.MaximumOutputs, 1, SplitStrategy.MaxOutputsPerSplit);
        var outputs = new List<Amount>(Math.Min(max, demand.Length * 2) + 1);
        var commonCount = Math.Clamp(strategy.GetOutputCount(amounts[common], counts[common]), 1, max);
        for (var i = 0; i < commonCount; i++)
        {
            outputs.Add(amounts[common]);
        }

        for (var i = 0; i < amounts.Count && outputs.Count < max; i++)
        {
            for (var n = 0; i != common && n < counts[i] && outputs.Count < max; n++)
            {
                outputs.Add(amounts[i]);
            }
        }

        return outputs;
    }

    private static List<CachedUtxo> SelectInputs(IReadOnlyList<CachedUtxo> ascending, Amount wanted, int maxInputs, out Amount total)
    {
        // The smallest single output that covers everything (outputs are ordered by amount, then outpoint).
        for (var i = 0; i < ascending.Count; i++)
        {
            if (ascending[i].Amount >= wanted)
            {
                total = ascending[i].Amount;
                return [ascending[i]];
            }
        }

        // Otherwise consolidate, largest first.
        var inputs = new List<CachedUtxo>();
        total = Amount.Zero;
        for (var i = ascending.Count - 1; i >= 0 && inputs.Count < maxInputs && total < wanted; i--)
        {
            inputs.Add(ascending[i]);
            total += ascending[i].Amount;
        }

        return inputs;
    }
}
