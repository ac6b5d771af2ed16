namespace Fontana.Ledger;

/// <summary>Where an applied transaction is.</summary>
public enum TransactionStatus
{
    /// <summary>Committed (a provisional receipt exists) but not yet in a sealed block.</summary>
    Pending,

    /// <summary>In a sealed block.</summary>
    Sealed,

    /// <summary>In a block posted to DA.</summary>
    Posted,
}
