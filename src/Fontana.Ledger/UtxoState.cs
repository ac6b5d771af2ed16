namespace Fontana.Ledger;

/// <summary>Whether an outpoint is spendable.</summary>
public enum UtxoState
{
    /// <summary>No such output was ever created.</summary>
    Unknown,

    /// <summary>The output exists and is not spent.</summary>
    Unspent,

    /// <summary>The output was spent by a committed transaction.</summary>
    Spent,
}
