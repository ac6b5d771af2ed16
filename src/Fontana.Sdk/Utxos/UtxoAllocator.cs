using System.Collections.Concurrent;
using System.Globalization;
using Fontana.Core;
using Fontana.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Hands outputs of one wallet to concurrent calls: reserve funds (fail fast when they are short) → lock the smallest
/// free output that covers the call → or wait (with a timeout) while a just-in-time split makes outputs → release.
/// Funds are accounted in one counter of uncommitted utia changed only by net deltas, so "exactly the affordable
/// number of calls succeed" holds under any interleaving. The hot path (a free output exists) takes no lock: one
/// compare-and-swap on the reservation counter and one on the output. Waiting calls queue under a lock.
/// </summary>
internal sealed partial class UtxoAllocator : IDisposable
{
    private readonly IUtxoCache _cache;
    private readonly ISplitExecutor? _splitExecutor;
    private readonly SplitStrategy _strategy;
    private readonly TimeSpan _lockTimeout;
    private readonly TimeProvider _time;
    private readonly SdkMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, Task>? _refresh;
    private readonly Lock _waitLock = new();
    private readonly LinkedList<UtxoWaiter> _waiters = new();
    private readonly ConcurrentDictionary<OutPoint, TaskCompletionSource> _outputSignals = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _unreserved;
    private long _supplyVersion;
    private long _nextLockId;
    private int _waiterCount;
    private int _outputWaiterCount;
    private int _activeLeases;
    private int _refreshesInFlight;
    private int _splitting;

    public UtxoAllocator(
        IUtxoCache cache,
        ISplitExecutor? splitExecutor,
        SplitStrategy strategy,
        TimeSpan lockTimeout,
        TimeProvider time,
        SdkMetrics metrics,
        ILogger logger,
        Func<CancellationToken, Task>? refresh = null)
    {
        _cache = cache;
        _splitExecutor = splitExecutor;
        _strategy = strategy;
        _lockTimeout = lockTimeout;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _refresh = refresh;
    }

    public IUtxoCache Cache => _cache;

    /// <summary>Funds not committed to calls in flight.</summary>
    public Amount Unreserved => Amount.FromUtia((ulong)Math.Max(0, Volatile.Read(ref _unreserved)));

    public int WaitingCalls => Volatile.Read(ref _waiterCount);

    public int ActiveLeases => Volatile.Read(ref _activeLeases);

    /// <summary>Reserves <paramref name="required"/> and locks an output of at least that much.</summary>
    /// <exception cref="InsufficientFundsException">Uncommitted funds are less than <paramref name="required"/>.</exception>
    /// <exception cref="UtxoLockTimeoutException">No output came free within the lock timeout.</exception>
    public async ValueTask<UtxoLease> AcquireAsync(Amount required, CancellationToken cancellationToken)
    {
        if (!TryReserve(required, out var unreserved))
        {
            _metrics.InsufficientFunds();
            throw new InsufficientFundsException(Amount.FromUtia((ulong)Math.Max(0, unreserved)), required);
        }

        var lockId = NextLockId();
        var max = Volatile.Read(ref _waiterCount) > 0 ? LargeBound(required) : Amount.MaxValue;

        // Counted before locking: an output is never locked by a call without the count showing it.
        Interlocked.Increment(ref _activeLeases);
        if (_cache.TryLockSmallest(required, max, lockId, out var utxo))
        {
            return NewLease(utxo, lockId, required, TimeSpan.Zero);
        }

        Interlocked.Decrement(ref _activeLeases);

        var start = _time.GetTimestamp();
        var waiter = new UtxoWaiter(required, lockId);
        try
        {
            utxo = await WaitAsync(waiter, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (waiter.TryTakeReservation())
            {
                Unreserve(required);
            }

            throw;
        }

        var waited = _time.GetElapsedTime(start);
        _metrics.LockWaited(waited);
        return NewLease(utxo, lockId, required, waited);
    }

    /// <summary>Locks one specific output, waiting up to the lock timeout while another call holds it; the whole output
    /// is then committed to the caller.</summary>
    public async ValueTask<UtxoLease> LockAsync(OutPoint outPoint, CancellationToken cancellationToken)
    {
        var lockId = NextLockId();
        var start = _time.GetTimestamp();
        while (true)
        {
            if (!_cache.TryGet(outPoint, out var utxo) || utxo.Status == UtxoStatus.Spent)
            {
                throw new FontanaPaymentException("utxo-unknown", $"utxo-unknown: output {outPoint} is not an unspent output of this wallet");
            }

            if (TryLockReserved(utxo, lockId, start, out var lease))
            {
                return lease;
            }

            var remaining = _lockTimeout - _time.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                _metrics.LockTimeout();
                throw new UtxoLockTimeoutException(utxo.Amount, _lockTimeout, 1);
            }

            var signal = _outputSignals.GetOrAdd(outPoint, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Interlocked.Increment(ref _outputWaiterCount);
            try
            {
                // Registered first, tried again second: a release in between cannot be missed.
                if (TryLockReserved(utxo, lockId, start, out lease))
                {
                    return lease;
                }

                await signal.Task.WaitAsync(remaining, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Loop: one last try, then the timeout error above.
            }
            finally
            {
                Interlocked.Decrement(ref _outputWaiterCount);
            }
        }
    }

    private bool TryLockReserved(CachedUtxo utxo, string lockId, long start, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UtxoLease? lease)
    {
        lease = null;
        Interlocked.Increment(ref _activeLeases);
        if (!_cache.TryLock(utxo.OutPoint, lockId))
        {
            Interlocked.Decrement(ref _activeLeases);
            return false;
        }

        if (!TryReserve(utxo.Amount, out var unreserved))
        {
            _cache.Release(utxo.OutPoint, lockId, out _);
            Interlocked.Decrement(ref _activeLeases);
            SignalAvailability(utxo.OutPoint);
            _metrics.InsufficientFunds();
            throw new InsufficientFundsException(Amount.FromUtia((ulong)Math.Max(0, unreserved)), utxo.Amount);
        }

        var waited = _time.GetElapsedTime(start);
        lease = NewLease(new CachedUtxo(utxo.OutPoint, utxo.Amount, UtxoStatus.Locked, lockId), lockId, utxo.Amount, waited);
        return true;
    }

    /// <summary>Applies a reconciliation's funds change and wakes waiting calls if outputs became available.</summary>
    public void ApplyReconcile(UtxoReconcileResult result)
    {
        if (result.FundsDeltaUtia != 0)
        {
            Interlocked.Add(ref _unreserved, result.FundsDeltaUtia);
        }

        if (result.Added + result.Confirmed > 0)
        {
            SignalAvailability(null);
        }
    }

    /// <summary>Adds an output we learned about outside a refresh (e.g. a transfer to ourselves that was confirmed).</summary>
    public bool AddConfirmed(OutPoint outPoint, Amount amount)
    {
        if (!_cache.TryAdd(outPoint, amount, UtxoStatus.Available))
        {
            return false;
        }

        Interlocked.Add(ref _unreserved, checked((long)amount.Utia));
        SignalAvailability(outPoint);
        return true;
    }

    /// <summary>Call around a node listing: while one is in flight, spent outputs are remembered so that the (older)
    /// listing cannot bring them back.</summary>
    public void BeginRefresh() => Interlocked.Increment(ref _refreshesInFlight);

    public void EndRefresh() => Interlocked.Decrement(ref _refreshesInFlight);

    public void Dispose()
    {
        _stopping.Cancel();
        lock (_waitLock)
        {
            while (_waiters.First is { } node)
            {
                RemoveWaiterLocked(node.Value);
                if (node.Value.TryTakeReservation())
                {
                    Unreserve(node.Value.Required);
                }

                node.Value.TrySetException(new ObjectDisposedException(nameof(UtxoAllocator), "the payer was disposed"));
            }
        }

        _stopping.Dispose();
    }

    internal void OnSettled(UtxoLease lease, OutPoint? change, Amount changeAmount)
    {
        MarkSpent(lease.OutPoint);
        var delta = checked((long)lease.Reserved.Utia - (long)lease.Amount.Utia);
        if (change is { } changeOutPoint && !changeAmount.IsZero)
        {
            if (!_cache.TryConfirm(changeOutPoint))
            {
                _cache.TryAdd(changeOutPoint, changeAmount, UtxoStatus.Available);
            }

            delta = checked(delta + (long)changeAmount.Utia);
        }

        ApplyDelta(delta);
        Interlocked.Decrement(ref _activeLeases);
        if (change is not null)
        {
            SignalAvailability(change);
        }
    }

    internal void OnReleased(UtxoLease lease)
    {
        var delta = (long)lease.Reserved.Utia;
        if (_cache.Release(lease.OutPoint, lease.LockId, out var dropped) && dropped)
        {
            delta -= (long)lease.Amount.Utia;
        }

        ApplyDelta(delta);
        Interlocked.Decrement(ref _activeLeases);
        SignalAvailability(lease.OutPoint);
    }

    internal void OnDiscarded(UtxoLease lease)
    {
        MarkSpent(lease.OutPoint);
        ApplyDelta(checked((long)lease.Reserved.Utia - (long)lease.Amount.Utia));
        Interlocked.Decrement(ref _activeLeases);
    }

    private async Task<CachedUtxo> WaitAsync(UtxoWaiter waiter, CancellationToken cancellationToken)
    {
        lock (_waitLock)
        {
            waiter.Node = _waiters.AddLast(waiter);
            Interlocked.Increment(ref _waiterCount);
        }

        Interlocked.Increment(ref _supplyVersion);

        // Registered first, scanned second: an output freed in between is found here or by its releaser's drain.
        DrainWaiters();
        try
        {
            return await waiter.Task.WaitAsync(_lockTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (TryRemoveWaiter(waiter))
        {
            _metrics.LockTimeout();
            throw new UtxoLockTimeoutException(waiter.Required, _lockTimeout, WaitingCalls + 1);
        }
        catch (TimeoutException)
        {
            return await waiter.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!TryRemoveWaiter(waiter) && waiter.Task.IsCompletedSuccessfully)
        {
            // An output was handed to us just as we were cancelled: give it back.
            var utxo = waiter.Task.Result;
            if (_cache.Release(utxo.OutPoint, waiter.LockId, out var dropped) && dropped)
            {
                ApplyDelta(-(long)utxo.Amount.Utia);
            }

            Interlocked.Decrement(ref _activeLeases);

            SignalAvailability(utxo.OutPoint);
            throw;
        }
    }

    /// <summary>Serves waiting calls, oldest first, from free outputs; starts a split for those left waiting.</summary>
    private void DrainWaiters()
    {
        if (Volatile.Read(ref _waiterCount) == 0)
        {
            return;
        }

        bool remaining;
        lock (_waitLock)
        {
            var lastFailed = Amount.MaxValue;
            var node = _waiters.First;
            while (node is not null)
            {
                var next = node.Next;
                var waiter = node.Value;
                if (waiter.Required != lastFailed)
                {
                    // With several calls waiting, an output that could pay for two is left for a split.
                    var max = _waiterCount > 1 ? LargeBound(waiter.Required) : Amount.MaxValue;
                    if (!TryServeLocked(waiter, max))
                    {
                        lastFailed = waiter.Required;
                    }
                }

                node = next;
            }

            remaining = _waiterCount > 0;
        }

        if (remaining)
        {
            MaybeStartSplit();
        }
    }

    private void SignalAvailability(OutPoint? outPoint)
    {
        Interlocked.Increment(ref _supplyVersion);
        if (outPoint is { } op && Volatile.Read(ref _outputWaiterCount) > 0 && _outputSignals.TryRemove(op, out var signal))
        {
            signal.TrySetResult();
        }

        DrainWaiters();
    }

    private bool TryRemoveWaiter(UtxoWaiter waiter)
    {
        lock (_waitLock)
        {
            if (waiter.Node?.List is null)
            {
                return false;
            }

            RemoveWaiterLocked(waiter);
            return true;
        }
    }

    private void RemoveWaiterLocked(UtxoWaiter waiter)
    {
        _waiters.Remove(waiter.Node!);
        Interlocked.Decrement(ref _waiterCount);
    }

    /// <summary>A lease for an output already counted in <see cref="_activeLeases"/> (counted when it was locked for the
    /// call, so that a split deciding whether calls are in flight never misses one being handed over).</summary>
    private UtxoLease NewLease(CachedUtxo utxo, string lockId, Amount reserved, TimeSpan waited) =>
        new(this, utxo, lockId, reserved, waited);

    /// <summary>Under the wait lock: locks the smallest suitable output for <paramref name="waiter"/> and hands it over.</summary>
    private bool TryServeLocked(UtxoWaiter waiter, Amount max)
    {
        Interlocked.Increment(ref _activeLeases);
        if (!_cache.TryLockSmallest(waiter.Required, max, waiter.LockId, out var utxo))
        {
            Interlocked.Decrement(ref _activeLeases);
            return false;
        }

        RemoveWaiterLocked(waiter);
        waiter.TrySetResult(utxo);
        return true;
    }

    private void MarkSpent(OutPoint outPoint)
    {
        _cache.TryMarkSpent(outPoint);
        if (Volatile.Read(ref _refreshesInFlight) == 0)
        {
            // No listing in flight can still show it unspent: forget it now rather than keep a tombstone.
            _cache.Remove(outPoint);
        }
    }

    private bool TryReserve(Amount amount, out long unreserved)
    {
        var wanted = checked((long)amount.Utia);
        while (true)
        {
            unreserved = Volatile.Read(ref _unreserved);
            if (unreserved < wanted)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _unreserved, unreserved - wanted, unreserved) == unreserved)
            {
                return true;
            }
        }
    }

    private void Unreserve(Amount amount) => Interlocked.Add(ref _unreserved, checked((long)amount.Utia));

    private void ApplyDelta(long delta)
    {
        if (delta != 0)
        {
            Interlocked.Add(ref _unreserved, delta);
        }
    }

    private string NextLockId() => "call-" + Interlocked.Increment(ref _nextLockId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Largest output handed to one call while others wait: just under enough for two calls.</summary>
    private static Amount LargeBound(Amount required) =>
        required.Utia > ulong.MaxValue / 2 ? Amount.MaxValue : Amount.FromUtia((required.Utia * 2) - 1);
}
