using System.Collections.Concurrent;
using System.Globalization;
using Fontana.Core.Errors;
using Fontana.Core;
using Fontana.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Hands outputs of one wallet to concurrent calls: reserve funds (<see cref="FundsAccount"/>; fail fast when they are
/// short) → lock the smallest free output that covers the call (<see cref="IUtxoCache"/>) → or wait in the
/// <see cref="WaiterQueue"/> (with a timeout) while the <see cref="SplitScheduler"/> makes outputs → release. The hot path
/// (a free output exists) is one compare-and-swap on the funds counter and one O(log n) lock in the cache.
/// </summary>
internal sealed class UtxoAllocator : IDisposable
{
    private readonly IUtxoCache _cache;
    private readonly TimeSpan _lockTimeout;
    private readonly TimeProvider _time;
    private readonly SdkMetrics _metrics;
    private readonly FundsAccount _funds = new();
    private readonly WaiterQueue _waiters = new();
    private readonly LoadTracker _load = new();
    private readonly SplitScheduler? _splits;
    private readonly ConcurrentDictionary<OutPoint, TaskCompletionSource> _outputSignals = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _supplyVersion;
    private long _nextLockId;
    private int _outputWaiterCount;
    private int _activeLeases;
    private int _refreshesInFlight;

    public UtxoAllocator(
        IUtxoCache cache,
        ISplitExecutor? splitExecutor,
        SplitStrategy strategy,
        TimeSpan lockTimeout,
        TimeProvider time,
        SdkMetrics metrics,
        ILogger logger,
        Func<CancellationToken, Task>? refresh = null,
        Action<Hash32>? ownTransaction = null)
    {
        _cache = cache;
        _lockTimeout = lockTimeout;
        _time = time;
        _metrics = metrics;
        if (splitExecutor is not null)
        {
            _splits = new SplitScheduler(
                this, cache, _funds, _waiters, _load, splitExecutor, strategy, metrics, logger, refresh, ownTransaction, _stopping.Token);
        }
    }

    public IUtxoCache Cache => _cache;

    /// <summary>Funds not committed to calls in flight.</summary>
    public Amount Unreserved => _funds.Unreserved;

    public int WaitingCalls => _waiters.Count;

    /// <summary>Outputs held by calls (counted before an output is locked, so a split deciding whether calls are in
    /// flight never misses one being handed over).</summary>
    public int ActiveLeases => Volatile.Read(ref _activeLeases);

    /// <summary>Grows whenever outputs may have come free or calls started waiting.</summary>
    public long SupplyVersion => Volatile.Read(ref _supplyVersion);

    /// <summary>No call holds or waits for an output and no split is running.</summary>
    public bool IsIdle => ActiveLeases == 0 && _waiters.Count == 0 && _splits?.IsRunning != true;

    /// <summary>Reserves <paramref name="required"/> and locks an output of at least that much.</summary>
    /// <exception cref="InsufficientFundsException">Uncommitted funds are less than <paramref name="required"/>.</exception>
    /// <exception cref="UtxoLockTimeoutException">No output came free within the lock timeout.</exception>
    public async ValueTask<UtxoLease> AcquireAsync(Amount required, CancellationToken cancellationToken)
    {
        if (!_funds.TryReserve(required, out var unreserved))
        {
            _metrics.InsufficientFunds();
            throw new InsufficientFundsException(Amount.FromUtia((ulong)Math.Max(0, unreserved)), required);
        }

        var lockId = NextLockId();
        var concurrent = _load.Observe(ActiveLeases + _waiters.Count + 1) >= 2;
        var max = _splits is not null && (concurrent || _waiters.Count > 0) ? LargeBound(required) : Amount.MaxValue;

        // Counted before locking: an output is never locked by a call without the count showing it.
        Interlocked.Increment(ref _activeLeases);
        if (_cache.TryLockSmallest(required, max, lockId, out var utxo))
        {
            _splits?.RequestRefill(required);
            return new UtxoLease(this, utxo, lockId, required, TimeSpan.Zero);
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
                _funds.Unreserve(required);
            }

            throw;
        }

        var waited = _time.GetElapsedTime(start);
        _metrics.LockWaited(waited);
        _splits?.RequestRefill(required);
        return new UtxoLease(this, utxo, lockId, required, waited);
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
                throw new FontanaPaymentException(ErrorCodes.UtxoUnknown, $"utxo-unknown: output {outPoint} is not an unspent output of this wallet");
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

    /// <summary>Applies a reconciliation's funds change and wakes waiting calls if outputs became available.</summary>
    public void ApplyReconcile(UtxoReconcileResult result)
    {
        _funds.Apply(result.FundsDeltaUtia);
        if (result.FundsDeltaUtia < 0)
        {
            RefuseOvercommitted();
        }

        if (result.Added + result.Confirmed > 0)
        {
            SignalAvailability(null);
        }
    }

    /// <summary>Outputs worth <paramref name="utia"/> turned out gone while they were set aside (held by another process
    /// at the last try): they leave the funds, and waiting calls the rest cannot cover are refused.</summary>
    public void ApplyDropped(long utia)
    {
        _funds.Apply(-utia);
        RefuseOvercommitted();
    }

    /// <summary>The wallet now holds less than the calls waiting have reserved (its coins were spent elsewhere: by another
    /// process sharing the wallet, say): the newest waiting calls are refused for insufficient funds until the rest fit —
    /// they would otherwise wait for coins that will never come and end as a lock timeout.</summary>
    private void RefuseOvercommitted()
    {
        lock (_waiters.Gate)
        {
            while (_funds.UnreservedUtia < 0 && _waiters.RefuseNewestLocked(_funds) is { } newest)
            {
                _metrics.InsufficientFunds();
                newest.TrySetException(new InsufficientFundsException(Amount.FromUtia((ulong)Math.Max(0, _funds.UnreservedUtia)), newest.Required));
            }
        }
    }

    /// <summary>Adds an output we learned about outside a refresh (e.g. a transfer to ourselves that was confirmed).</summary>
    public bool AddConfirmed(OutPoint outPoint, Amount amount)
    {
        if (!_cache.TryAdd(outPoint, amount, UtxoStatus.Available))
        {
            return false;
        }

        _funds.Apply(checked((long)amount.Utia));
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
        _waiters.FailAll(new ObjectDisposedException(nameof(UtxoAllocator), "the payer was disposed"), _funds);
        _stopping.Dispose();
    }

    internal void OnSettled(UtxoLease lease, OutPoint? change, Amount changeAmount)
    {
        MarkSpent(lease.OutPoint);
        var delta = checked((long)lease.Reserved.Utia - (long)lease.Amount.Utia);
        if (change is { } changeOutPoint && !changeAmount.IsZero)
        {
            // The change entered as pending before the payment was sent; a refresh may have confirmed it (and a call
            // may even have spent it) meanwhile, so it is only confirmed here, never added back. Its value was not
            // counted until now either way.
            _cache.TryConfirm(changeOutPoint);
            delta = checked(delta + (long)changeAmount.Utia);
        }

        _funds.Apply(delta);
        Interlocked.Decrement(ref _activeLeases);
        if (change is not null)
        {
            SignalAvailability(change);
        }
    }

    internal void OnReleased(UtxoLease lease)
    {
        // Funds first, lock second: a caller that locks the output the moment it is free must find its funds
        // unreserved (in the other order it could see the output free but its amount still reserved, and be refused
        // for insufficient funds by a wallet that holds enough).
        _funds.Apply((long)lease.Reserved.Utia);
        if (_cache.Release(lease.OutPoint, lease.LockId, out var dropped) && dropped)
        {
            ApplyDropped((long)lease.Amount.Utia);
        }

        Interlocked.Decrement(ref _activeLeases);
        SignalAvailability(lease.OutPoint);
    }

    internal void OnDiscarded(UtxoLease lease)
    {
        MarkSpent(lease.OutPoint);
        _funds.Apply(checked((long)lease.Reserved.Utia - (long)lease.Amount.Utia));
        Interlocked.Decrement(ref _activeLeases);
    }

    /// <summary>Our own transaction spent <paramref name="outPoint"/>.</summary>
    internal void MarkSpent(OutPoint outPoint)
    {
        _cache.TryMarkSpent(outPoint);
        if (Volatile.Read(ref _refreshesInFlight) == 0)
        {
            // No listing in flight can still show it unspent: forget it now rather than keep a tombstone.
            _cache.Remove(outPoint);
        }
    }

    internal void BumpSupply() => Interlocked.Increment(ref _supplyVersion);

    /// <summary>Outputs may have come free (<paramref name="outPoint"/>, or any): wake whoever waits for them.</summary>
    internal void SignalAvailability(OutPoint? outPoint)
    {
        Interlocked.Increment(ref _supplyVersion);
        if (outPoint is { } op && Volatile.Read(ref _outputWaiterCount) > 0 && _outputSignals.TryRemove(op, out var signal))
        {
            signal.TrySetResult();
        }

        DrainWaiters();
    }

    /// <summary>Under the queue's lock: locks the smallest suitable output for <paramref name="waiter"/> and hands it over.</summary>
    internal bool TryServeLocked(UtxoWaiter waiter, Amount max)
    {
        Interlocked.Increment(ref _activeLeases);
        if (!_cache.TryLockSmallest(waiter.Required, max, waiter.LockId, out var utxo))
        {
            Interlocked.Decrement(ref _activeLeases);
            return false;
        }

        _waiters.RemoveLocked(waiter);
        waiter.TrySetResult(utxo);
        return true;
    }

    /// <summary>Under the queue's lock: serves waiting calls, oldest first, from free outputs. With several calls waiting
    /// or in flight, an output that could pay for two is left for a split.</summary>
    internal void ServeWaitersLocked() =>
        _waiters.ServeLocked(waiter =>
            TryServeLocked(waiter, _splits is not null && (_waiters.Count > 1 || _load.Peak >= 2) ? LargeBound(waiter.Required) : Amount.MaxValue));

    private async Task<CachedUtxo> WaitAsync(UtxoWaiter waiter, CancellationToken cancellationToken)
    {
        _waiters.Enqueue(waiter);
        Interlocked.Increment(ref _supplyVersion);

        // Registered first, scanned second: an output freed in between is found here or by its releaser's drain.
        DrainWaiters();
        try
        {
            return await waiter.Task.WaitAsync(_lockTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (_waiters.TryRemove(waiter))
        {
            _metrics.LockTimeout();
            throw new UtxoLockTimeoutException(waiter.Required, _lockTimeout, WaitingCalls + 1);
        }
        catch (TimeoutException)
        {
            return await waiter.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_waiters.TryRemove(waiter) && waiter.Task.IsCompletedSuccessfully)
        {
            // An output was handed to us just as we were cancelled: give it back.
            var utxo = waiter.Task.Result;
            if (_cache.Release(utxo.OutPoint, waiter.LockId, out var dropped) && dropped)
            {
                _funds.Apply(-(long)utxo.Amount.Utia);
            }

            Interlocked.Decrement(ref _activeLeases);
            SignalAvailability(utxo.OutPoint);
            throw;
        }
    }

    /// <summary>Serves waiting calls, oldest first, from free outputs; starts a split for those left waiting.</summary>
    private void DrainWaiters()
    {
        if (_waiters.Count == 0)
        {
            return;
        }

        bool remaining;
        lock (_waiters.Gate)
        {
            ServeWaitersLocked();
            remaining = _waiters.Count > 0;
        }

        if (remaining)
        {
            _splits?.Request();
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

        if (!_funds.TryReserve(utxo.Amount, out var unreserved))
        {
            _cache.Release(utxo.OutPoint, lockId, out _);
            Interlocked.Decrement(ref _activeLeases);
            SignalAvailability(utxo.OutPoint);
            _metrics.InsufficientFunds();
            throw new InsufficientFundsException(Amount.FromUtia((ulong)Math.Max(0, unreserved)), utxo.Amount);
        }

        var waited = _time.GetElapsedTime(start);
        lease = new UtxoLease(this, new CachedUtxo(utxo.OutPoint, utxo.Amount, UtxoStatus.Locked, lockId), lockId, utxo.Amount, waited);
        return true;
    }

    private string NextLockId() => "call-" + Interlocked.Increment(ref _nextLockId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Largest output handed to one call while others wait: just under enough for two calls.</summary>
    internal static Amount LargeBound(Amount required) =>
        required.Utia > ulong.MaxValue / 2 ? Amount.MaxValue : Amount.FromUtia((required.Utia * 2) - 1);
}
