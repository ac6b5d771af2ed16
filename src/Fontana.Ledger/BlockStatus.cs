namespace Fontana.Ledger;

/// <summary>Where a sealed block is: stored locally, or also posted to data availability.</summary>
public enum BlockStatus
{
    /// <summary>Sealed and stored; not yet posted to DA.</summary>
    Sealed,

    /// <summary>Posted to DA (the DA reference is recorded).</summary>
    Posted,
}
