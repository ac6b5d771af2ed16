using System.Globalization;
using Fontana.Core;
using Fontana.Sdk.Store;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>This process's leases on the wallet's coins in the shared <see cref="WalletStore"/>: one owner id per
/// payer (process id + random), leases of <see cref="Duration"/>. A store that fails is logged and treated as "not
/// claimed" (the coin is skipped) — never as a claim.</summary>
internal sealed class CoinLeases(WalletStore store, TimeSpan duration, TimeProvider time, ILogger logger)
{
    public string Owner { get; } = "pid-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];

    public TimeSpan Duration => duration;

    /// <summary>Claims made / refused because another process holds the coin or spent it.</summary>
    public long Claimed;

    public long Refused;

    public bool TryClaim(OutPoint outPoint, Amount amount)
    {
        var now = time.GetUtcNow();
        try
        {
            if (store.TryClaimOutput(outPoint, amount, Owner, now, now + duration))
            {
                Interlocked.Increment(ref Claimed);
                return true;
            }
        }
        catch (WalletStoreException ex)
        {
            UtxoLog.LeaseStoreFailed(logger, "claim", outPoint.ToString(), ex);
        }

        Interlocked.Increment(ref Refused);
        return false;
    }

    public void Release(OutPoint outPoint)
    {
        try
        {
            store.ReleaseOutput(outPoint, Owner, time.GetUtcNow());
        }
        catch (WalletStoreException ex)
        {
            // The lease runs out by itself.
            UtxoLog.LeaseStoreFailed(logger, "release", outPoint.ToString(), ex);
        }
    }

    public void Spent(OutPoint outPoint)
    {
        try
        {
            store.MarkOutputSpent(outPoint, time.GetUtcNow());
        }
        catch (WalletStoreException ex)
        {
            // Another process that claims it later is refused by the ledger (input-spent) and retries.
            UtxoLog.LeaseStoreFailed(logger, "mark spent", outPoint.ToString(), ex);
        }
    }
}
