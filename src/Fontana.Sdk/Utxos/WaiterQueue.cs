using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Calls waiting for an output, oldest first, under one lock (<see cref="Gate"/>, also held by the split scheduler while
/// it plans from the queue). A waiter owns its funds reservation until it is served (its lease does) or refused (whoever
/// refuses it gives the reservation back).
/// </summary>
internal sealed class WaiterQueue
{
    private readonly LinkedList<UtxoWaiter> _waiters = new();
    private int _count;

    /// <summary>The queue's lock.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Calls waiting right now (readable without the lock).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Enqueue(UtxoWaiter waiter)
    {
        lock (Gate)
        {
            waiter.Node = _waiters.AddLast(waiter);
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Removes <paramref name="waiter"/> if it is still queued (not served, not refused).</summary>
    public bool TryRemove(UtxoWaiter waiter)
    {
        lock (Gate)
        {
            if (waiter.Node?.List is null)
            {
                return false;
            }

            RemoveLocked(waiter);
            return true;
        }
    }

    /// <summary>Under <see cref="Gate"/>.</summary>
    public void RemoveLocked(UtxoWaiter waiter)
    {
        _waiters.Remove(waiter.Node!);
        Interlocked.Decrement(ref _count);
    }

    /// <summary>Under <see cref="Gate"/>: the oldest waiting call, if any.</summary>
    public UtxoWaiter? OldestLocked => _waiters.First?.Value;

    /// <summary>Under <see cref="Gate"/>: what each waiting call needs, oldest first.</summary>
    public Amount[] DemandLocked()
    {
        var demand = new Amount[_waiters.Count];
        var i = 0;
        for (var node = _waiters.First; node is not null; node = node.Next)
        {
            demand[i++] = node.Value.Required;
        }

        return demand;
    }

    /// <summary>Under <see cref="Gate"/>: offers each waiting call, oldest first, to <paramref name="tryServe"/> (which
    /// removes the ones it serves); after a failure, calls needing the same amount are skipped.</summary>
    public void ServeLocked(Func<UtxoWaiter, bool> tryServe)
    {
        var lastFailed = Amount.MaxValue;
        var node = _waiters.First;
        while (node is not null)
        {
            var next = node.Next;
            var waiter = node.Value;
            if (waiter.Required != lastFailed && !tryServe(waiter))
            {
                lastFailed = waiter.Required;
            }

            node = next;
        }
    }

    /// <summary>Under <see cref="Gate"/>: removes the newest waiting call and gives its reservation back; null if none waits.</summary>
    public UtxoWaiter? RefuseNewestLocked(FundsAccount funds)
    {
        if (_waiters.Last is not { } last)
        {
            return null;
        }

        var newest = last.Value;
        RemoveLocked(newest);
        if (newest.TryTakeReservation())
        {
            funds.Unreserve(newest.Required);
        }

        return newest;
    }

    /// <summary>Fails every waiting call with <paramref name="exception"/>, giving their reservations back.</summary>
    public void FailAll(Exception exception, FundsAccount funds)
    {
        lock (Gate)
        {
            while (_waiters.First is { } node)
            {
                var waiter = node.Value;
                RemoveLocked(waiter);
                if (waiter.TryTakeReservation())
                {
                    funds.Unreserve(waiter.Required);
                }

                waiter.TrySetException(exception);
            }
        }
    }
}
