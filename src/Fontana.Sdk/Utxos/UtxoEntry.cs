using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>One output held by <see cref="InMemoryUtxoCache"/>. Mutated only under the cache's lock; the status is
/// read without it (volatile) by snapshots.</summary>
internal sealed class UtxoEntry(OutPoint outPoint, Amount amount, UtxoStatus status, long epoch)
{
    private int _status = (int)status;

    public OutPoint OutPoint { get; } = outPoint;

    public Amount Amount { get; } = amount;

    public UtxoStatus Status
    {
        get => (UtxoStatus)Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, (int)value);
    }

    /// <summary>The call holding it while <see cref="Status"/> is locked.</summary>
    public string? LockedBy { get; set; }

    /// <summary>The cache epoch of the last change (reconciliation leaves outputs changed after its listing alone).</summary>
    public long ChangedEpoch { get; set; } = epoch;

    /// <summary>The node stopped listing this output while it was locked: drop it when it is released.</summary>
    public bool RemoteSpent { get; set; }

    public CachedUtxo ToSnapshot()
    {
        var status = Status;
        return new CachedUtxo(OutPoint, Amount, status, status == UtxoStatus.Locked ? LockedBy : null);
    }

    /// <summary>Orders by amount, then outpoint: the selection order (smallest sufficient output, ties to the smaller outpoint).</summary>
    public static IComparer<UtxoEntry> ByAmount { get; } = Comparer<UtxoEntry>.Create(static (a, b) =>
    {
        var c = a.Amount.CompareTo(b.Amount);
        return c != 0 ? c : a.OutPoint.CompareTo(b.OutPoint);
    });
}
