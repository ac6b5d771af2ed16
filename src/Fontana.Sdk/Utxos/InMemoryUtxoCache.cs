using System.Collections.Concurrent;
using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// The in-memory <see cref="IUtxoCache"/>. Outputs live in a concurrent dictionary; each output's status is changed by
/// compare-and-swap, which doubles as its lock. Selection reads an immutable array sorted by (amount, outpoint) that is
/// rebuilt only after outputs are added (or once many in it are spent), so the hot path — binary search, then a short
/// scan with one compare-and-swap — takes no lock shared by all outputs.
/// </summary>
public sealed class InMemoryUtxoCache : IUtxoCache
{
    private readonly ConcurrentDictionary<OutPoint, UtxoEntry> _entries = new();
    private readonly Lock _rebuildLock = new();
    private SortedView _view = new(0, []);
    private long _contentVersion;
    private int _deadInSorted;
    private int _liveCount;
    private long _epoch;

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _liveCount);

    /// <inheritdoc />
    public long Epoch => Volatile.Read(ref _epoch);

    /// <inheritdoc />
    public bool TryGet(OutPoint outPoint, out CachedUtxo utxo)
    {
        if (_entries.TryGetValue(outPoint, out var entry))
        {
            utxo = entry.ToSnapshot();
            return true;
        }

        utxo = default;
        return false;
    }

    /// <inheritdoc />
    public IReadOnlyList<CachedUtxo> GetAll()
    {
        var list = new List<CachedUtxo>(_entries.Count);
        foreach (var pair in _entries)
        {
            var snapshot = pair.Value.ToSnapshot();
            if (snapshot.Status != UtxoStatus.Spent)
            {
                list.Add(snapshot);
            }
        }

        list.Sort(static (a, b) =>
        {
            var c = a.Amount.CompareTo(b.Amount);
            return c != 0 ? c : a.OutPoint.CompareTo(b.OutPoint);
        });
        return list;
    }

    /// <inheritdoc />
    public bool TryAdd(OutPoint outPoint, Amount amount, UtxoStatus status)
    {
        if (status is not (UtxoStatus.Available or UtxoStatus.Pending))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "outputs enter the cache as available or pending");
        }

        if (!_entries.TryAdd(outPoint, new UtxoEntry(outPoint, amount, status, NextEpoch())))
        {
            return false;
        }

        Interlocked.Increment(ref _liveCount);
        Interlocked.Increment(ref _contentVersion);
        return true;
    }

    /// <inheritdoc />
    public bool TryConfirm(OutPoint outPoint) =>
        _entries.TryGetValue(outPoint, out var entry) && entry.TryTransition(UtxoEntry.Pending, UtxoEntry.Available, NextEpoch());

    /// <inheritdoc />
    public bool TryMarkSpent(OutPoint outPoint)
    {
        if (!_entries.TryGetValue(outPoint, out var entry) || entry.MarkSpent(NextEpoch()) < 0)
        {
            return false;
        }

        OnDead();
        return true;
    }

    /// <inheritdoc />
    public bool Remove(OutPoint outPoint)
    {
        if (!_entries.TryRemove(outPoint, out var entry))
        {
            return false;
        }

        if (entry.MarkSpent(NextEpoch()) >= 0)
        {
            OnDead();
        }

        return true;
    }

    /// <inheritdoc />
    public bool TryLock(OutPoint outPoint, string lockId) =>
        _entries.TryGetValue(outPoint, out var entry) && entry.TryLock(lockId);

    /// <inheritdoc />
    public bool TryLockSmallest(Amount minimum, Amount maximum, string lockId, out CachedUtxo utxo)
    {
        var sorted = GetSorted();
        for (var i = LowerBound(sorted, minimum); i < sorted.Length; i++)
        {
            var entry = sorted[i];
            if (entry.Amount > maximum)
            {
                break;
            }

            if (entry.TryLock(lockId))
            {
                utxo = new CachedUtxo(entry.OutPoint, entry.Amount, UtxoStatus.Locked, lockId);
                return true;
            }
        }

        utxo = default;
        return false;
    }

    /// <inheritdoc />
    public bool Release(OutPoint outPoint, string lockId, out bool dropped)
    {
        dropped = false;
        if (!_entries.TryGetValue(outPoint, out var entry) || entry.State != UtxoEntry.Locked
            || !string.Equals(entry.LockedBy, lockId, StringComparison.Ordinal))
        {
            return false;
        }

        if (entry.RemoteSpent)
        {
            entry.MarkSpent(NextEpoch());
            _entries.TryRemove(outPoint, out _);
            OnDead();
            dropped = true;
            return true;
        }

        return entry.TryUnlock(lockId, NextEpoch());
    }

    /// <inheritdoc />
    public UtxoReconcileResult Reconcile(IReadOnlyList<KeyValuePair<OutPoint, Amount>> unspent, long observedAtEpoch)
    {
        ArgumentNullException.ThrowIfNull(unspent);
        int added = 0, confirmed = 0, dropped = 0, flagged = 0;
        long delta = 0;
        var listed = new HashSet<OutPoint>(unspent.Count);
        for (var i = 0; i < unspent.Count; i++)
        {
            var (outPoint, amount) = unspent[i];
            listed.Add(outPoint);
            if (!_entries.TryGetValue(outPoint, out var entry))
            {
                if (TryAdd(outPoint, amount, UtxoStatus.Available))
                {
                    added++;
                    delta += (long)amount.Utia;
                }
            }
            else if (entry.State == UtxoEntry.Pending && entry.TryTransition(UtxoEntry.Pending, UtxoEntry.Available, NextEpoch()))
            {
                confirmed++;
            }
        }

        foreach (var pair in _entries)
        {
            var entry = pair.Value;
            if (listed.Contains(pair.Key) || entry.ChangedEpoch > observedAtEpoch)
            {
                continue;
            }

            switch (entry.State)
            {
                case UtxoEntry.Available:
                    if (entry.TryTransition(UtxoEntry.Available, UtxoEntry.Spent, NextEpoch()))
                    {
                        _entries.TryRemove(pair.Key, out _);
                        OnDead();
                        dropped++;
                        delta -= (long)entry.Amount.Utia;
                    }
                    else
                    {
                        entry.RemoteSpent = true;
                        flagged++;
                    }

                    break;
                case UtxoEntry.Locked:
                    entry.RemoteSpent = true;
                    flagged++;
                    break;
                case UtxoEntry.Spent:
                    _entries.TryRemove(pair.Key, out _);
                    break;
                default:
                    // Pending: our own transaction's output not confirmed yet; its owner resolves it.
                    break;
            }
        }

        return new UtxoReconcileResult(added, confirmed, dropped, flagged, delta);
    }

    private long NextEpoch() => Interlocked.Increment(ref _epoch);

    private void OnDead()
    {
        Interlocked.Decrement(ref _liveCount);
        var dead = Interlocked.Increment(ref _deadInSorted);
        if (dead > 64 && dead > Volatile.Read(ref _view).Entries.Length / 2)
        {
            Interlocked.Increment(ref _contentVersion);
        }
    }

    /// <summary>The array sorted by (amount, outpoint) for the current content version. A reader never uses an array
    /// older than the last add it could have seen: the version is read before enumerating and published with the array.</summary>
    private UtxoEntry[] GetSorted()
    {
        var view = Volatile.Read(ref _view);
        if (view.Version == Volatile.Read(ref _contentVersion))
        {
            return view.Entries;
        }

        lock (_rebuildLock)
        {
            var version = Volatile.Read(ref _contentVersion);
            view = _view;
            if (view.Version == version)
            {
                return view.Entries;
            }

            var list = new List<UtxoEntry>(_entries.Count);
            foreach (var pair in _entries)
            {
                if (pair.Value.State != UtxoEntry.Spent)
                {
                    list.Add(pair.Value);
                }
            }

            var array = list.ToArray();
            Array.Sort(array, static (a, b) =>
            {
                var c = a.Amount.CompareTo(b.Amount);
                return c != 0 ? c : a.OutPoint.CompareTo(b.OutPoint);
            });
            Volatile.Write(ref _deadInSorted, 0);
            Volatile.Write(ref _view, new SortedView(version, array));
            return array;
        }
    }

    private static int LowerBound(UtxoEntry[] sorted, Amount minimum)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].Amount < minimum)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed record SortedView(long Version, UtxoEntry[] Entries);
}
