namespace Fontana.Ledger;

/// <summary>Whether an outpoint is spendable.</summary>
public enum UtxoState
{
    /// <summary>No such output was ever created.</summary>
    Unknown,

    Unspent,

    Spent,
}
