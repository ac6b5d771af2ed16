using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// The in-memory <see cref="IUtxoCache"/>: outputs by outpoint, plus an ordered index of the available ones by
/// (amount, outpoint). Every change costs O(log n) and nothing on the paid path touches the whole wallet: selecting,
/// locking, releasing, adding change and marking spent each update the index in place under one short lock (no
/// re-sort, no copy). Listing (<see cref="GetAll"/>) and reconciling are O(n) and happen per refresh or split, not per call.
/// </summary>
public sealed class InMemoryUtxoCache : IUtxoCache
{
    private static readonly Hash32 MaxHash = Hash32.FromBytes([.. Enumerable.Repeat((byte)0xFF, Hash32.Length)]);
    private readonly Lock _lock = new();
    private readonly Dictionary<OutPoint, UtxoEntry> _entries = [];
    private readonly SortedSet<UtxoEntry> _available = new(UtxoEntry.ByAmount);
    private int _liveCount;
    private int _availableCount;
    private long _epoch;

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _liveCount);

    /// <inheritdoc />
    public int AvailableCount => Volatile.Read(ref _availableCount);

    /// <inheritdoc />
    public long Epoch => Volatile.Read(ref _epoch);

    /// <inheritdoc />
    public bool TryGet(OutPoint outPoint, out CachedUtxo utxo)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(outPoint, out var entry))
            {
                utxo = entry.ToSnapshot();
                return true;
            }
        }

        utxo = default;
        return false;
    }

    /// <inheritdoc />
    public IReadOnlyList<CachedUtxo> GetAll()
    {
        List<CachedUtxo> list;
        lock (_lock)
        {
            list = new List<CachedUtxo>(_entries.Count);
            foreach (var entry in _entries.Values)
            {
                if (entry.Status != UtxoStatus.Spent)
                {
                    list.Add(entry.ToSnapshot());
                }
            }
        }

        list.Sort(static (a, b) =>
        {
            var c = a.Amount.CompareTo(b.Amount);
            return c != 0 ? c : a.OutPoint.CompareTo(b.OutPoint);
        });
        return list;
    }

    /// <summary>The available outputs, smallest first (a copy of the index: O(available)).</summary>
    public IReadOnlyList<CachedUtxo> GetAvailable()
    {
        lock (_lock)
        {
            var list = new List<CachedUtxo>(_available.Count);
            foreach (var entry in _available)
            {
                list.Add(entry.ToSnapshot());
            }

            return list;
        }
    }

    /// <inheritdoc />
    public bool TryAdd(OutPoint outPoint, Amount amount, UtxoStatus status)
    {
        if (status is not (UtxoStatus.Available or UtxoStatus.Pending))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "outputs enter the cache as available or pending");
        }

        lock (_lock)
        {
            var entry = new UtxoEntry(outPoint, amount, status, NextEpoch());
            if (!_entries.TryAdd(outPoint, entry))
            {
                return false;
            }

            _liveCount++;
            if (status == UtxoStatus.Available)
            {
                AddAvailable(entry);
            }

            return true;
        }
    }

    /// <inheritdoc />
    public bool TryConfirm(OutPoint outPoint)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(outPoint, out var entry) || entry.Status != UtxoStatus.Pending)
            {
                return false;
            }

            entry.Status = UtxoStatus.Available;
            entry.ChangedEpoch = NextEpoch();
            AddAvailable(entry);
            return true;
        }
    }

    /// <inheritdoc />
    public bool TryMarkSpent(OutPoint outPoint)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(outPoint, out var entry) && MarkSpentLocked(entry);
        }
    }

    /// <inheritdoc />
    public bool Remove(OutPoint outPoint)
    {
        lock (_lock)
        {
            if (!_entries.Remove(outPoint, out var entry))
            {
                return false;
            }

            MarkSpentLocked(entry);
            return true;
        }
    }

    /// <inheritdoc />
    public bool TryLock(OutPoint outPoint, string lockId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(outPoint, out var entry) || entry.Status != UtxoStatus.Available)
            {
                return false;
            }

            LockLocked(entry, lockId);
            return true;
        }
    }

    /// <inheritdoc />
    public bool TryLockSmallest(Amount minimum, Amount maximum, string lockId, out CachedUtxo utxo)
    {
        utxo = default;
        if (minimum > maximum)
        {
            return false;
        }

        var low = new UtxoEntry(new OutPoint(Hash32.Zero, 0), minimum, UtxoStatus.Available, 0);
        var high = new UtxoEntry(new OutPoint(MaxHash, ushort.MaxValue), maximum, UtxoStatus.Available, 0);
        lock (_lock)
        {
            if (_available.Count == 0)
            {
                return false;
            }

            var entry = _available.GetViewBetween(low, high).Min;
            if (entry is null)
            {
                return false;
            }

            LockLocked(entry, lockId);
            utxo = new CachedUtxo(entry.OutPoint, entry.Amount, UtxoStatus.Locked, lockId);
            return true;
        }
    }

    /// <inheritdoc />
    public bool Release(OutPoint outPoint, string lockId, out bool dropped)
    {
        dropped = false;
        lock (_lock)
        {
            if (!_entries.TryGetValue(outPoint, out var entry) || entry.Status != UtxoStatus.Locked
                || !string.Equals(entry.LockedBy, lockId, StringComparison.Ordinal))
            {
                return false;
            }

            if (entry.RemoteSpent)
            {
                MarkSpentLocked(entry);
                _entries.Remove(outPoint);
                dropped = true;
                return true;
            }

            entry.LockedBy = null;
            entry.Status = UtxoStatus.Available;
            entry.ChangedEpoch = NextEpoch();
            AddAvailable(entry);
            return true;
        }
    }

    /// <inheritdoc />
    public UtxoReconcileResult Reconcile(IReadOnlyList<KeyValuePair<OutPoint, Amount>> unspent, long observedAtEpoch)
    {
        ArgumentNullException.ThrowIfNull(unspent);
        int added = 0, confirmed = 0, dropped = 0, flagged = 0;
        long delta = 0;
        var listed = new HashSet<OutPoint>(unspent.Count);
        lock (_lock)
        {
            for (var i = 0; i < unspent.Count; i++)
            {
                var (outPoint, amount) = unspent[i];
                listed.Add(outPoint);
                if (!_entries.TryGetValue(outPoint, out var entry))
                {
                    entry = new UtxoEntry(outPoint, amount, UtxoStatus.Available, NextEpoch());
                    _entries.Add(outPoint, entry);
                    _liveCount++;
                    AddAvailable(entry);
                    added++;
                    delta += (long)amount.Utia;
                }
                else if (entry.Status == UtxoStatus.Pending)
                {
                    entry.Status = UtxoStatus.Available;
                    entry.ChangedEpoch = NextEpoch();
                    AddAvailable(entry);
                    confirmed++;
                }
            }

            List<OutPoint>? forget = null;
            foreach (var (outPoint, entry) in _entries)
            {
                if (listed.Contains(outPoint) || entry.ChangedEpoch > observedAtEpoch)
                {
                    continue;
                }

                switch (entry.Status)
                {
                    case UtxoStatus.Available:
                        MarkSpentLocked(entry);
                        (forget ??= []).Add(outPoint);
                        dropped++;
                        delta -= (long)entry.Amount.Utia;
                        break;
                    case UtxoStatus.Locked:
                        entry.RemoteSpent = true;
                        flagged++;
                        break;
                    case UtxoStatus.Spent:
                        (forget ??= []).Add(outPoint);
                        break;
                    default:
                        // Pending: our own transaction's output not confirmed yet; its owner resolves it.
                        break;
                }
            }

            if (forget is not null)
            {
                foreach (var outPoint in forget)
                {
                    _entries.Remove(outPoint);
                }
            }
        }

        return new UtxoReconcileResult(added, confirmed, dropped, flagged, delta);
    }

    private long NextEpoch() => Interlocked.Increment(ref _epoch);

    private void AddAvailable(UtxoEntry entry)
    {
        _available.Add(entry);
        Volatile.Write(ref _availableCount, _available.Count);
    }

    private void LockLocked(UtxoEntry entry, string lockId)
    {
        _available.Remove(entry);
        Volatile.Write(ref _availableCount, _available.Count);
        entry.LockedBy = lockId;

        // The epoch is left alone: a listing that started before the lock and no longer shows the output still flags it.
        entry.Status = UtxoStatus.Locked;
    }

    /// <summary>Any status but spent → spent; false if it was already spent.</summary>
    private bool MarkSpentLocked(UtxoEntry entry)
    {
        if (entry.Status == UtxoStatus.Spent)
        {
            return false;
        }

        if (entry.Status == UtxoStatus.Available)
        {
            _available.Remove(entry);
            Volatile.Write(ref _availableCount, _available.Count);
        }

        entry.Status = UtxoStatus.Spent;
        entry.LockedBy = null;
        entry.ChangedEpoch = NextEpoch();
        _liveCount--;
        return true;
    }
}
