namespace Fontana.Sdk.Utxos;

/// <summary>Where a cached output stands.</summary>
public enum UtxoStatus
{
    /// <summary>Confirmed unspent and free: may be selected for a payment or a split.</summary>
    Available = 0,

    /// <summary>Held by one call (see <see cref="CachedUtxo.LockedBy"/>) between selection and the call's outcome.</summary>
    Locked = 1,

    /// <summary>Created by one of our own transactions (change, split output) that is not confirmed yet.</summary>
    Pending = 2,

    /// <summary>Spent by one of our own transactions; kept briefly so a stale node listing cannot bring it back.</summary>
    Spent = 3,
}
