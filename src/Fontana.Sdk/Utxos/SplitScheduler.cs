using System.Globalization;
using Fontana.Core;
using Fontana.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Just-in-time splitting for one wallet: one split at a time, run in the background while calls wait, planned from the
/// waiting calls' demand (or, ahead of demand, refilling outputs when calls run in parallel). A split's fee is reserved
/// from uncommitted funds and its inputs are locked before it is signed; its outputs enter the cache as pending once
/// signed and become available when the node confirms it.
/// </summary>
internal sealed class SplitScheduler(
    UtxoAllocator allocator,
    IUtxoCache cache,
    FundsAccount funds,
    WaiterQueue waiters,
    LoadTracker load,
    ISplitExecutor executor,
    SplitStrategy strategy,
    SdkMetrics metrics,
    ILogger logger,
    Func<CancellationToken, Task>? refresh,
    Action<Hash32>? ownTransaction,
    CancellationToken stopping)
{
    /// <summary>Planning attempts in a row that may find their inputs taken before the scheduler gives up for now.</summary>
    private const int MaxRetries = 16;

    /// <summary>Parts a split's change is cut into on a wallet shared by processes (docs/wallet.md, *Many processes*).</summary>
    internal const int SharedChangeParts = 4;
    private long _nextSplitId;
    private int _running;
    private int _refillWanted;
    private long _refillAmount;

    /// <summary>True while a split runs.</summary>
    public bool IsRunning => Volatile.Read(ref _running) != 0;

    /// <summary>The fee one split pays.</summary>
    public Amount Fee => executor.SplitFee;

    /// <summary>Starts the background splitter unless it is running.</summary>
    public void Request()
    {
        if (stopping.IsCancellationRequested || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(RunAsync);
    }

    /// <summary>Asks for a split ahead of demand when calls run in parallel and no more outputs are free than calls in flight.</summary>
    public void RequestRefill(Amount required)
    {
        if (!strategy.RefillAhead)
        {
            return;
        }

        var peak = load.Peak;
        if (peak < 2 || cache.AvailableCount > peak)
        {
            return;
        }

        Volatile.Write(ref _refillAmount, (long)required.Utia);
        Volatile.Write(ref _refillWanted, 1);
        Request();
    }

    private async Task RunAsync()
    {
        long seen = 0;
        try
        {
            var retries = 0;
            while (!stopping.IsCancellationRequested)
            {
                seen = allocator.SupplyVersion;
                var prepared = Prepare(out var retry);
                if (prepared is null)
                {
                    if (retry && ++retries < MaxRetries)
                    {
                        continue;
                    }

                    break;
                }

                retries = 0;
                await ExecuteAsync(prepared).ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        // Something changed after our last look (a waiter arrived, an output came free): look again.
        if (waiters.Count > 0 && allocator.SupplyVersion != seen)
        {
            Request();
        }
    }

    /// <summary>Change parts per split (<see cref="SplitPlanner.Plan"/>): <see cref="SharedChangeParts"/> when the wallet is
    /// shared with other processes through the store, else one.</summary>
    private int ChangeParts => cache is SharedUtxoCache ? SharedChangeParts : 1;

    /// <summary>Under the queue's lock: plans a split for the calls waiting, reserves its fee and locks its inputs.
    /// Null when there is nothing to do now (<paramref name="retry"/>: look again at once).</summary>
    private PreparedSplit? Prepare(out bool retry)
    {
        retry = false;
        lock (waiters.Gate)
        {
            // Calls a free output pays directly are served first, never split for: the output may have come free after
            // the call looked (another call of this process held it for an instant, trying it in a batch claim), and a
            // split would merge outputs that each pay a call into one, paying a fee — on a wallet of one-call coins, a
            // call's worth lost and a call refused insufficient-funds while a coin stays unused (docs/wallet.md).
            allocator.ServeWaitersLocked();
            if (waiters.Count == 0)
            {
                return Interlocked.Exchange(ref _refillWanted, 0) == 1 ? PrepareRefillLocked() : null;
            }

            // Read before and after the snapshot: a call settling just before it (its change is in the snapshot) or
            // locking an output just after the first read (counted before it locks) is never mistaken for "none in flight".
            var leasesBefore = allocator.ActiveLeases;
            var available = SnapshotAvailable();
            var demand = waiters.DemandLocked();
            if (PaysACallDirectly(available, demand))
            {
                // Freed since the serving above (a refresh, a release): serve again rather than split it.
                retry = true;
                return null;
            }

            // A wallet shared through the store is never "nothing in flight": other processes' payments and splits bring
            // outputs at their next refresh, so waiting calls wait (up to the lock timeout) instead of being refused.
            var noneInFlight = leasesBefore == 0 && allocator.ActiveLeases == 0 && cache is not SharedUtxoCache;
            var fee = executor.SplitFee;
            var plan = available.Count > 0 ? SplitPlanner.Plan(demand, available, fee, strategy, changeParts: ChangeParts) : null;
            if (plan is null)
            {
                // Free outputs cannot make even one output for the calls waiting. Calls in flight will free some;
                // with none in flight, nothing will change: the waiting calls cannot be paid.
                retry = noneInFlight && RefuseNewestLocked();
                return null;
            }

            if (!funds.TryReserve(fee, out _))
            {
                // The fee cannot come from uncommitted funds. Serve the oldest call from any output that covers it (its
                // change comes back for the next); failing that, if no call in flight will free an output, refuse the
                // newest waiting call so its reserved funds pay the fee.
                retry = allocator.TryServeLocked(waiters.OldestLocked!, Amount.MaxValue) || (noneInFlight && RefuseNewestLocked());
                return null;
            }

            var lockId = "split-" + Interlocked.Increment(ref _nextSplitId).ToString(CultureInfo.InvariantCulture);
            for (var n = 0; n < plan.Inputs.Count; n++)
            {
                if (!cache.TryLock(plan.Inputs[n].OutPoint, lockId))
                {
                    for (var k = 0; k < n; k++)
                    {
                        cache.Release(plan.Inputs[k].OutPoint, lockId, out _);
                    }

                    funds.Unreserve(fee);
                    retry = true;
                    return null;
                }
            }

            return new PreparedSplit(plan, lockId, waiters.Count);
        }
    }

    /// <summary>Whether one of <paramref name="available"/> pays one of the calls of <paramref name="demand"/> by itself
    /// without being large enough for two (such an output is handed to the call, never merged by a split).</summary>
    private static bool PaysACallDirectly(List<CachedUtxo> available, Amount[] demand)
    {
        var checkedAmounts = new List<Amount>(4);
        foreach (var required in demand)
        {
            if (checkedAmounts.Contains(required))
            {
                continue;
            }

            checkedAmounts.Add(required);
            var max = UtxoAllocator.LargeBound(required);
            foreach (var utxo in available)
            {
                if (utxo.Amount >= required && utxo.Amount <= max)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A split ahead of demand: the largest free output alone, into equal outputs of the last price, only when its
    /// fee is affordable from uncommitted funds (a refill never refuses a call).</summary>
    private PreparedSplit? PrepareRefillLocked()
    {
        var peak = load.Peak;
        if (peak < 2 || cache.AvailableCount > peak)
        {
            return null;
        }

        var amount = Amount.FromUtia((ulong)Volatile.Read(ref _refillAmount));
        var demand = new Amount[peak];
        Array.Fill(demand, amount);
        var fee = executor.SplitFee;
        var plan = SplitPlanner.Plan(demand, SnapshotAvailable(), fee, strategy, consolidate: false, changeParts: ChangeParts);
        if (plan is null || plan.DemandOutputCount < 2 || plan.Inputs[0].Amount < amount * 2 || !funds.TryReserve(fee, out _))
        {
            return null;
        }

        var lockId = "refill-" + Interlocked.Increment(ref _nextSplitId).ToString(CultureInfo.InvariantCulture);
        if (!cache.TryLock(plan.Inputs[0].OutPoint, lockId))
        {
            funds.Unreserve(fee);
            return null;
        }

        return new PreparedSplit(plan, lockId, 0);
    }

    /// <summary>Refuses the newest waiting call for insufficient funds, releasing its reservation.</summary>
    private bool RefuseNewestLocked()
    {
        if (waiters.RefuseNewestLocked(funds) is not { } newest)
        {
            return false;
        }

        var left = Math.Max(0, funds.UnreservedUtia - (long)executor.SplitFee.Utia);
        metrics.InsufficientFunds();
        SdkLog.SplitStoleReservation(logger, newest.Required.ToString());
        newest.TrySetException(new InsufficientFundsException(Amount.FromUtia((ulong)left), newest.Required));
        return true;
    }

    private async Task ExecuteAsync(PreparedSplit prepared)
    {
        var plan = prepared.Plan;
        Hash32? signed = null;
        try
        {
            var txId = await executor.ExecuteAsync(plan, id => OnSigned(plan, id, ref signed), stopping).ConfigureAwait(false);
            Complete(prepared, txId);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            if (signed is { } txId && OutputsConfirmed(txId))
            {
                // A refresh saw the split's outputs on the node: it was applied after all.
                Complete(prepared, txId);
                return;
            }

            Abandon(prepared, signed);
            if (ex is InputSpentException && refresh is not null)
            {
                // Another spender used one of the inputs: learn the node's view and plan again.
                SdkLog.SplitFailed(logger, InputSpentException.InputSpentCode, prepared.Waiting, ex);
                await RefreshQuietlyAsync().ConfigureAwait(false);
                return;
            }

            var code = ex is FontanaApiException api ? api.Code : ex.GetType().Name;
            SdkLog.SplitFailed(logger, code, prepared.Waiting, ex);
            if (prepared.Waiting == 0)
            {
                // A refill ahead of demand: nobody was waiting on it; calls carry on with what is free.
                return;
            }

            waiters.FailAll(
                new FontanaPaymentException(
                    FontanaPaymentException.SplitFailed, $"{FontanaPaymentException.SplitFailed}: splitting an output for waiting calls failed ({code}): {ex.Message}", ex),
                funds);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            Abandon(prepared, signed);
        }
    }

    /// <summary>The split is signed: its outputs enter the cache as pending (a refresh that sees them confirms them
    /// without counting them again), and its txid is ours (the stream does not refresh for it).</summary>
    private void OnSigned(SplitPlan plan, Hash32 txId, ref Hash32? signed)
    {
        signed = txId;
        ownTransaction?.Invoke(txId);
        if (cache is SharedUtxoCache shared)
        {
            // One store transaction soft-leases to this process the outputs for its calls and the first part of the
            // change; the other parts are everyone's at once, so other processes split those instead of queueing for one coin.
            var kept = plan.Outputs.Count - Math.Max(0, plan.ChangeParts - 1);
            var outputs = new (OutPoint, Amount)[kept];
            for (var i = 0; i < outputs.Length; i++)
            {
                outputs[i] = (new OutPoint(txId, (ushort)i), plan.Outputs[i]);
            }

            shared.AddOwnPending(outputs);
            for (var i = kept; i < plan.Outputs.Count; i++)
            {
                cache.TryAdd(new OutPoint(txId, (ushort)i), plan.Outputs[i], UtxoStatus.Pending);
            }

            return;
        }

        for (var i = 0; i < plan.Outputs.Count; i++)
        {
            cache.TryAdd(new OutPoint(txId, (ushort)i), plan.Outputs[i], UtxoStatus.Pending);
        }
    }

    private void Complete(PreparedSplit prepared, Hash32 txId)
    {
        var plan = prepared.Plan;
        for (var i = 0; i < plan.Inputs.Count; i++)
        {
            allocator.MarkSpent(plan.Inputs[i].OutPoint);
        }

        // The outputs entered as pending when the split was signed. One a refresh already confirmed may even be spent
        // and forgotten by now: only pending ones change here, nothing is added back.
        for (var i = 0; i < plan.Outputs.Count; i++)
        {
            cache.TryConfirm(new OutPoint(txId, (ushort)i));
        }

        // Outputs − inputs = −fee, and the fee was reserved: uncommitted funds are unchanged.
        metrics.Split(plan.DemandOutputCount);
        SdkLog.SplitConfirmed(
            logger, txId.ToString(), plan.Inputs.Count, plan.InputTotal.ToString(), plan.DemandOutputCount,
            plan.Outputs[0].ToString(), plan.Change.ToString(), plan.Fee.ToString(), prepared.Waiting);
        allocator.SignalAvailability(null);
    }

    private bool OutputsConfirmed(Hash32 txId) =>
        cache.TryGet(new OutPoint(txId, 0), out var first) && first.Status is UtxoStatus.Available or UtxoStatus.Locked;

    private void Abandon(PreparedSplit prepared, Hash32? signed)
    {
        if (signed is { } txId)
        {
            for (var i = 0; i < prepared.Plan.Outputs.Count; i++)
            {
                cache.Remove(new OutPoint(txId, (ushort)i));
            }
        }

        for (var i = 0; i < prepared.Plan.Inputs.Count; i++)
        {
            var input = prepared.Plan.Inputs[i];
            if (cache.Release(input.OutPoint, prepared.LockId, out var dropped) && dropped)
            {
                funds.Apply(-(long)input.Amount.Utia);
            }
        }

        allocator.BumpSupply();
        funds.Unreserve(prepared.Plan.Fee);
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await refresh!(stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FontanaApiException or OperationCanceledException)
        {
            SdkLog.RefreshFailed(logger, ex);
        }
    }

    private List<CachedUtxo> SnapshotAvailable()
    {
        if (cache is InMemoryUtxoCache memory)
        {
            return [.. memory.GetAvailable()];
        }

        var all = cache.GetAll();
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
