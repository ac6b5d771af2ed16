using System.Globalization;
using Fontana.Core;
using Fontana.Sdk.Diagnostics;

namespace Fontana.Sdk.Utxos;

/// <summary>Just-in-time splitting: one split at a time, run in the background while calls wait.</summary>
internal sealed partial class UtxoAllocator
{
    private long _nextSplitId;

    private void MaybeStartSplit()
    {
        if (_splitExecutor is null || _stopping.IsCancellationRequested || Interlocked.CompareExchange(ref _splitting, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(RunSplitsAsync);
    }

    private async Task RunSplitsAsync()
    {
        long seen = 0;
        try
        {
            var retries = 0;
            while (!_stopping.IsCancellationRequested)
            {
                seen = Volatile.Read(ref _supplyVersion);
                var prepared = PrepareSplit(out var retry);
                if (prepared is null)
                {
                    if (retry && ++retries < 16)
                    {
                        continue;
                    }

                    break;
                }

                retries = 0;
                await ExecuteSplitAsync(prepared).ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        finally
        {
            Volatile.Write(ref _splitting, 0);
        }

        // Something changed after our last look (a waiter arrived, an output came free): look again.
        if (Volatile.Read(ref _waiterCount) > 0 && Volatile.Read(ref _supplyVersion) != seen)
        {
            MaybeStartSplit();
        }
    }

    /// <summary>Under the wait lock: plans a split for the calls waiting, reserves its fee and locks its inputs.
    /// Null when there is nothing to do now (<paramref name="retry"/>: look again at once).</summary>
    private PreparedSplit? PrepareSplit(out bool retry)
    {
        retry = false;
        lock (_waitLock)
        {
            if (_waiterCount == 0)
            {
                return null;
            }

            // Read before and after the snapshot: a call settling just before it (its change is in the snapshot) or
            // locking an output just after the first read (counted before it locks) is never mistaken for "none in flight".
            var leasesBefore = Volatile.Read(ref _activeLeases);
            var available = SnapshotAvailable();
            var noneInFlight = leasesBefore == 0 && Volatile.Read(ref _activeLeases) == 0;
            var fee = _splitExecutor!.SplitFee;
            SplitPlan? plan = null;
            if (available.Count > 0)
            {
                var demand = new Amount[_waiterCount];
                var i = 0;
                for (var node = _waiters.First; node is not null; node = node.Next)
                {
                    demand[i++] = node.Value.Required;
                }

                plan = SplitPlanner.Plan(demand, available, fee, _strategy);
            }

            if (plan is null)
            {
                // Free outputs cannot make even one output for the calls waiting. Calls in flight will free some;
                // with none in flight, nothing will change: the waiting calls cannot be paid.
                retry = noneInFlight && RefuseNewestLocked();
                return null;
            }

            if (!TryReserve(fee, out _))
            {
                retry = ServeWithoutSplitLocked(noneInFlight);
                return null;
            }

            var lockId = "split-" + Interlocked.Increment(ref _nextSplitId).ToString(CultureInfo.InvariantCulture);
            for (var n = 0; n < plan.Inputs.Count; n++)
            {
                if (!_cache.TryLock(plan.Inputs[n].OutPoint, lockId))
                {
                    for (var k = 0; k < n; k++)
                    {
                        _cache.Release(plan.Inputs[k].OutPoint, lockId, out _);
                    }

                    Unreserve(fee);
                    retry = true;
                    return null;
                }
            }

            return new PreparedSplit(plan, lockId, _waiterCount);
        }
    }

    /// <summary>
    /// The split's fee cannot come from uncommitted funds. Serve the oldest call from any output that covers it (its
    /// change comes back for the next); failing that, if no call in flight will free an output, refuse the newest
    /// waiting call so its reserved funds pay the fee. True when something changed.
    /// </summary>
    private bool ServeWithoutSplitLocked(bool noneInFlight) =>
        TryServeLocked(_waiters.First!.Value, Amount.MaxValue) || (noneInFlight && RefuseNewestLocked());

    /// <summary>Refuses the newest waiting call for insufficient funds, releasing its reservation.</summary>
    private bool RefuseNewestLocked()
    {
        if (_waiters.Last is not { } last)
        {
            return false;
        }

        var newest = last.Value;
        RemoveWaiterLocked(newest);
        if (newest.TryTakeReservation())
        {
            Unreserve(newest.Required);
        }

        var left = Math.Max(0, Volatile.Read(ref _unreserved) - (long)_splitExecutor!.SplitFee.Utia);
        _metrics.InsufficientFunds();
        SdkLog.SplitStoleReservation(_logger, newest.Required.ToString());
        newest.TrySetException(new InsufficientFundsException(Amount.FromUtia((ulong)left), newest.Required));
        return true;
    }

    private async Task ExecuteSplitAsync(PreparedSplit prepared)
    {
        var plan = prepared.Plan;
        try
        {
            var txId = await _splitExecutor!.ExecuteAsync(plan, _stopping.Token).ConfigureAwait(false);
            for (var i = 0; i < plan.Inputs.Count; i++)
            {
                MarkSpent(plan.Inputs[i].OutPoint);
            }

            for (var i = 0; i < plan.Outputs.Count; i++)
            {
                _cache.TryAdd(new OutPoint(txId, (ushort)i), plan.Outputs[i], UtxoStatus.Available);
            }

            // Outputs − inputs = −fee, and the fee was reserved: uncommitted funds are unchanged.
            _metrics.Split(plan.DemandOutputCount);
            SdkLog.SplitConfirmed(
                _logger, txId.ToString(), plan.Inputs.Count, plan.InputTotal.ToString(), plan.DemandOutputCount,
                plan.Outputs[0].ToString(), plan.Change.ToString(), plan.Fee.ToString(), prepared.Waiting);
            SignalAvailability(null);
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            ReleaseInputs(prepared);
            Unreserve(plan.Fee);
            if (ex is InputSpentException && _refresh is not null)
            {
                // Another spender used one of the inputs: learn the node's view and plan again.
                SdkLog.SplitFailed(_logger, InputSpentException.InputSpentCode, prepared.Waiting, ex);
                await RefreshQuietlyAsync().ConfigureAwait(false);
                return;
            }

            var code = ex is FontanaApiException api ? api.Code : ex.GetType().Name;
            SdkLog.SplitFailed(_logger, code, prepared.Waiting, ex);
            FailAllWaiters(new FontanaPaymentException(
                FontanaPaymentException.SplitFailed, $"{FontanaPaymentException.SplitFailed}: splitting an output for waiting calls failed ({code}): {ex.Message}", ex));
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            ReleaseInputs(prepared);
            Unreserve(plan.Fee);
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await _refresh!(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FontanaApiException or OperationCanceledException)
        {
            SdkLog.RefreshFailed(_logger, ex);
        }
    }

    private void ReleaseInputs(PreparedSplit prepared)
    {
        for (var i = 0; i < prepared.Plan.Inputs.Count; i++)
        {
            var input = prepared.Plan.Inputs[i];
            if (_cache.Release(input.OutPoint, prepared.LockId, out var dropped) && dropped)
            {
                ApplyDelta(-(long)input.Amount.Utia);
            }
        }

        Interlocked.Increment(ref _supplyVersion);
    }

    private void FailAllWaiters(Exception exception)
    {
        lock (_waitLock)
        {
            while (_waiters.First is { } node)
            {
                var waiter = node.Value;
                RemoveWaiterLocked(waiter);
                if (waiter.TryTakeReservation())
                {
                    Unreserve(waiter.Required);
                }

                waiter.TrySetException(exception);
            }
        }
    }

    private List<CachedUtxo> SnapshotAvailable()
    {
        var all = _cache.GetAll();
        var available = new List<CachedUtxo>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Status == UtxoStatus.Available)
            {
                available.Add(all[i]);
            }
        }

        return available;
    }

    private sealed record PreparedSplit(SplitPlan Plan, string LockId, int Waiting);
}
