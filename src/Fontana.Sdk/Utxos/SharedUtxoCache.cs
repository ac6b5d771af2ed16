using System.Collections.Concurrent;
using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// The cache of a wallet shared by several processes through one store: the in-memory cache, plus a lease in the
/// store (<see cref="CoinLeases"/>) taken before an output is handed to a call or a split. An output another process
/// holds (or has spent) stays locked here as <em>foreign</em>, so selection moves on to the next one, until the next
/// refresh of the outputs frees it to be tried again (<see cref="ReleaseForeign"/>). Ending a lease: released → the
/// store lease ends; spent → the store marks the output spent for every process.
/// </summary>
internal sealed class SharedUtxoCache(IUtxoCache inner, CoinLeases leases) : IUtxoCache
{
    /// <summary>Most foreign outputs one selection skips before it reports none free.</summary>
    private const int MaxSkips = 64;

    private readonly ConcurrentDictionary<OutPoint, string> _claimed = new();
    private readonly ConcurrentDictionary<OutPoint, string> _foreign = new();

    public CoinLeases Leases => leases;

    public int ForeignCount => _foreign.Count;

    public int Count => inner.Count;

    public int AvailableCount => inner.AvailableCount;

    public long Epoch => inner.Epoch;

    public bool TryGet(OutPoint outPoint, out CachedUtxo utxo) => inner.TryGet(outPoint, out utxo);

    public IReadOnlyList<CachedUtxo> GetAll() => inner.GetAll();

    public bool TryAdd(OutPoint outPoint, Amount amount, UtxoStatus status) => inner.TryAdd(outPoint, amount, status);

    public bool TryConfirm(OutPoint outPoint) => inner.TryConfirm(outPoint);

    public bool TryMarkSpent(OutPoint outPoint)
    {
        _claimed.TryRemove(outPoint, out _);
        leases.Spent(outPoint);
        return inner.TryMarkSpent(outPoint);
    }

    public bool Remove(OutPoint outPoint)
    {
        _claimed.TryRemove(outPoint, out _);
        _foreign.TryRemove(outPoint, out _);
        return inner.Remove(outPoint);
    }

    public bool TryLock(OutPoint outPoint, string lockId)
    {
        if (!inner.TryLock(outPoint, lockId))
        {
            return false;
        }

        if (!inner.TryGet(outPoint, out var utxo) || !Claim(outPoint, utxo.Amount, lockId))
        {
            _foreign[outPoint] = lockId;
            return false;
        }

        return true;
    }

    public bool TryLockSmallest(Amount minimum, Amount maximum, string lockId, out CachedUtxo utxo)
    {
        for (var skipped = 0; skipped < MaxSkips; skipped++)
        {
            if (!inner.TryLockSmallest(minimum, maximum, lockId, out utxo))
            {
                return false;
            }

            if (Claim(utxo.OutPoint, utxo.Amount, lockId))
            {
                return true;
            }

            _foreign[utxo.OutPoint] = lockId;
        }

        utxo = default;
        return false;
    }

    public bool Release(OutPoint outPoint, string lockId, out bool dropped)
    {
        if (!inner.Release(outPoint, lockId, out dropped))
        {
            return false;
        }

        if (_claimed.TryRemove(outPoint, out _))
        {
            leases.Release(outPoint);
        }

        return true;
    }

    public UtxoReconcileResult Reconcile(IReadOnlyList<KeyValuePair<OutPoint, Amount>> unspent, long observedAtEpoch) =>
        inner.Reconcile(unspent, observedAtEpoch);

    /// <summary>Frees the outputs other processes held at the last try, so that they are tried again. Called before a
    /// refresh reads <see cref="Epoch"/>, so the refresh can then drop the ones that were spent meanwhile.</summary>
    public void ReleaseForeign()
    {
        foreach (var (outPoint, lockId) in _foreign)
        {
            if (_foreign.TryRemove(outPoint, out _))
            {
                inner.Release(outPoint, lockId, out _);
            }
        }
    }

    private bool Claim(OutPoint outPoint, Amount amount, string lockId)
    {
        if (!leases.TryClaim(outPoint, amount))
        {
            return false;
        }

        _claimed[outPoint] = lockId;
        return true;
    }
}
