using Fontana.Core;
using Fontana.Core.Transactions;

namespace Fontana.Ledger.State;

/// <summary>
/// An unspent output in the writer's memory: the output and the sequence number of the transaction that created it
/// (0 for genesis allocations). The store keys outputs by (creation sequence, index), so a spend is written by that
/// key without looking the creating transaction up.
/// </summary>
internal readonly record struct UnspentOutput(TxOutput Output, long CreatedSeq)
{
    public Address Address => Output.Address;

    public Amount Amount => Output.Amount;
}
