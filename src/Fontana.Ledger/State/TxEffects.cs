using Fontana.Core;
using Fontana.Core.Transactions;

namespace Fontana.Ledger.State;

/// <summary>The outputs a transaction creates: its own outputs at 0..n-1 and, when the fee is non-zero, the fee output at n.</summary>
internal static class TxEffects
{
    public static int CreatedCount(Transaction tx) => tx.Outputs.Count + (tx.Fee.IsZero ? 0 : 1);

    /// <summary>Output <paramref name="index"/> of the created outputs (the fee output is the last one).</summary>
    public static TxOutput Created(Transaction tx, int index, Address feeAddress) =>
        index < tx.Outputs.Count ? tx.Outputs[index] : new TxOutput(feeAddress, tx.Fee);
}
