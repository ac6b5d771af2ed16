using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>A split transaction to build: inputs, the outputs to ourselves in order (index i = Outputs[i]), the fee.
/// The change, if any, is the last <see cref="ChangeParts"/> outputs (one unless the change was cut in parts).</summary>
internal sealed record SplitPlan(IReadOnlyList<CachedUtxo> Inputs, IReadOnlyList<Amount> Outputs, Amount Fee, Amount Change, int ChangeParts)
{
    public SplitPlan(IReadOnlyList<CachedUtxo> inputs, IReadOnlyList<Amount> outputs, Amount fee, Amount change)
        : this(inputs, outputs, fee, change, change.IsZero ? 0 : 1)
    {
    }

    /// <summary>Outputs sized for demand (all but the change).</summary>
    public int DemandOutputCount => Outputs.Count - ChangeParts;

    public Amount InputTotal
    {
        get
        {
            var total = Amount.Zero;
            for (var i = 0; i < Inputs.Count; i++)
            {
                total += Inputs[i].Amount;
            }

            return total;
        }
    }
}
