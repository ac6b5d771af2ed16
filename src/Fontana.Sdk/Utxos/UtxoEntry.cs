using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>One output held by <see cref="InMemoryUtxoCache"/>. Its status is an int changed by compare-and-swap, which
/// is the output's lock: whoever moves it from available to locked holds it.</summary>
internal sealed class UtxoEntry(OutPoint outPoint, Amount amount, UtxoStatus status, long epoch)
{
    public const int Available = (int)UtxoStatus.Available;
    public const int Locked = (int)UtxoStatus.Locked;
    public const int Pending = (int)UtxoStatus.Pending;
    public const int Spent = (int)UtxoStatus.Spent;

    private int _state = (int)status;
    private string? _lockedBy;
    private long _changedEpoch = epoch;
    private int _remoteSpent;

    public OutPoint OutPoint { get; } = outPoint;

    public Amount Amount { get; } = amount;

    public int State => Volatile.Read(ref _state);

    public long ChangedEpoch => Volatile.Read(ref _changedEpoch);

    /// <summary>The node stopped listing this output while it was locked: drop it when it is released.</summary>
    public bool RemoteSpent
    {
        get => Volatile.Read(ref _remoteSpent) != 0;
        set => Volatile.Write(ref _remoteSpent, value ? 1 : 0);
    }

    public string? LockedBy => Volatile.Read(ref _lockedBy);

    public CachedUtxo ToSnapshot()
    {
        var state = State;
        return new CachedUtxo(OutPoint, Amount, (UtxoStatus)state, state == Locked ? LockedBy : null);
    }

    public bool TryLock(string lockId)
    {
        if (Volatile.Read(ref _state) != Available || Interlocked.CompareExchange(ref _state, Locked, Available) != Available)
        {
            return false;
        }

        Volatile.Write(ref _lockedBy, lockId);
        return true;
    }

    /// <summary>Locked by <paramref name="lockId"/> → available. The owner is cleared before the status is published
    /// so a new owner's id can never be overwritten.</summary>
    public bool TryUnlock(string lockId, long epoch)
    {
        if (State != Locked || !string.Equals(LockedBy, lockId, StringComparison.Ordinal))
        {
            return false;
        }

        Volatile.Write(ref _lockedBy, null);
        Volatile.Write(ref _changedEpoch, epoch);
        return Interlocked.CompareExchange(ref _state, Available, Locked) == Locked;
    }

    public bool TryTransition(int from, int to, long epoch)
    {
        if (Interlocked.CompareExchange(ref _state, to, from) != from)
        {
            return false;
        }

        Volatile.Write(ref _changedEpoch, epoch);
        return true;
    }

    /// <summary>Any status but spent → spent; returns the status it had, or -1 if it was already spent.</summary>
    public int MarkSpent(long epoch)
    {
        while (true)
        {
            var state = State;
            if (state == Spent)
            {
                return -1;
            }

            if (Interlocked.CompareExchange(ref _state, Spent, state) == state)
            {
                Volatile.Write(ref _lockedBy, null);
                Volatile.Write(ref _changedEpoch, epoch);
                return state;
            }
        }
    }
}
