using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>A split transaction to build: inputs, the outputs to ourselves in order (index i = Outputs[i]), the fee.
/// The change, if any, is the last output.</summary>
internal sealed record SplitPlan(IReadOnlyList<CachedUtxo> Inputs, IReadOnlyList<Amount> Outputs, Amount Fee, Amount Change)
{
    /// <summary>Outputs sized for demand (all but the change).</summary>
    public int DemandOutputCount => Change.IsZero ? Outputs.Count : Outputs.Count - 1;

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
