using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Plans a just-in-time split (pure: no I/O, no locks). Demand: the amounts the waiting calls need, oldest first.
/// Outputs: <see cref="SplitStrategy.GetOutputCount"/> equal outputs of the most common amount (ties: the smaller),
/// then one output per call waiting for another amount; shrunk from the end until the inputs pay for them and the fee;
/// then the change (in several equal parts when asked and large enough).
/// Inputs: the smallest free output covering everything, else the largest free outputs until covered.
/// </summary>
internal static class SplitPlanner
{
    /// <param name="demand">Amounts wanted, oldest first.</param>
    /// <param name="availableAscending">Free outputs by (amount, outpoint).</param>
    /// <param name="fee">The split's fee.</param>
    /// <param name="strategy">Output counts.</param>
    /// <param name="consolidate">Whether several outputs may be merged when none covers everything; without it the largest
    /// output alone is split into what it can pay (a refill ahead of demand never consumes small outputs).</param>
    /// <param name="changeParts">Into how many equal outputs a large change is cut (a wallet shared by processes: each
    /// part is at least what the demand outputs take, so each can pay for another process's split); 1: one change output.</param>
    public static SplitPlan? Plan(
        ReadOnlySpan<Amount> demand, IReadOnlyList<CachedUtxo> availableAscending, Amount fee, SplitStrategy strategy, bool consolidate = true, int changeParts = 1)
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

        var inputs = SelectInputs(availableAscending, wanted, consolidate ? strategy.MaximumInputs : 1, out var inputTotal);
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
        var parts = 0;
        if (!change.IsZero)
        {
            parts = ChangeParts(change, outputTotal + fee, changeParts, SplitStrategy.MaxOutputsPerSplit + 1 - outputs.Count);
            var part = Amount.FromUtia(change.Utia / (ulong)parts);
            for (var i = 1; i < parts; i++)
            {
                outputs.Add(part);
            }

            outputs.Add(change - (part * (ulong)(parts - 1)));
        }

        return new SplitPlan(inputs, outputs, fee, change, parts);
    }

    /// <summary>How many parts the change is cut into: at most <paramref name="wanted"/> and the room left in the
    /// transaction, each at least <paramref name="smallestPart"/>; at least 1.</summary>
    private static int ChangeParts(Amount change, Amount smallestPart, int wanted, int room)
    {
        var parts = Math.Min(Math.Max(1, wanted), Math.Max(1, room));
        var byAmount = smallestPart.IsZero ? (ulong)parts : change.Utia / smallestPart.Utia;
        return (int)Math.Clamp(byAmount, 1UL, (ulong)parts);
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
