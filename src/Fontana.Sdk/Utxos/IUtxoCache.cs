using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// The wallet's outputs keyed by outpoint, each with a status (available, locked by a call, pending, spent),
/// with per-output locks and smallest-sufficient selection. Every member is thread-safe and none takes a lock
/// shared by all outputs on the selection path. The in-memory implementation is <see cref="InMemoryUtxoCache"/>;
/// the interface lets a persistent store come later.
/// </summary>
public interface IUtxoCache
{
    /// <summary>Number of outputs held that are not spent.</summary>
    int Count { get; }

    /// <summary>A counter that grows with every change; pass the value read before asking the node for its list to
    /// <see cref="Reconcile"/> so that changes made meanwhile are not undone by the (older) list.</summary>
    long Epoch { get; }

    /// <summary>Looks up one output (spent ones included while they are remembered).</summary>
    bool TryGet(OutPoint outPoint, out CachedUtxo utxo);

    /// <summary>A snapshot of all outputs that are not spent, ordered by amount then outpoint.</summary>
    IReadOnlyList<CachedUtxo> GetAll();

    /// <summary>Adds an output as <see cref="UtxoStatus.Available"/> or <see cref="UtxoStatus.Pending"/>; false if it is already held.</summary>
    bool TryAdd(OutPoint outPoint, Amount amount, UtxoStatus status);

    /// <summary>Turns a pending output into an available one; false if it is not pending.</summary>
    bool TryConfirm(OutPoint outPoint);

    /// <summary>Marks an output spent (whatever its status); false if it is not held or already spent.</summary>
    bool TryMarkSpent(OutPoint outPoint);

    /// <summary>Forgets an output entirely; false if it was not held.</summary>
    bool Remove(OutPoint outPoint);

    /// <summary>Locks one specific available output for <paramref name="lockId"/>; false if it is not available.</summary>
    bool TryLock(OutPoint outPoint, string lockId);

    /// <summary>
    /// Locks the smallest available output whose amount is at least <paramref name="minimum"/> and at most
    /// <paramref name="maximum"/>; ties go to the smaller outpoint. False when none is free.
    /// </summary>
    bool TryLockSmallest(Amount minimum, Amount maximum, string lockId, out CachedUtxo utxo);

    /// <summary>
    /// Releases an output locked by <paramref name="lockId"/>: it becomes available again, unless the node reported it
    /// spent while it was locked, in which case it is dropped and <paramref name="dropped"/> is true.
    /// False if it is not locked by <paramref name="lockId"/>.
    /// </summary>
    bool Release(OutPoint outPoint, string lockId, out bool dropped);

    /// <summary>
    /// Reconciles with the node's unspent outputs of the wallet, listed by a request started when <see cref="Epoch"/>
    /// was <paramref name="observedAtEpoch"/>: unknown outputs are added, pending ones the node lists become available,
    /// available ones it does not list are dropped, locked ones it does not list are dropped when released, and spent
    /// ones it no longer lists are forgotten. Outputs changed after <paramref name="observedAtEpoch"/> are left alone.
    /// </summary>
    UtxoReconcileResult Reconcile(IReadOnlyList<KeyValuePair<OutPoint, Amount>> unspent, long observedAtEpoch);
}
