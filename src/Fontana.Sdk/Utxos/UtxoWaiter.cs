using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>A call waiting for an output of at least <see cref="Required"/>. It owns its funds reservation until it
/// gets an output (then its lease does) or is refused (then whoever refuses it releases the reservation).</summary>
internal sealed class UtxoWaiter(Amount required, string lockId)
{
    private readonly TaskCompletionSource<CachedUtxo> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reservationTaken;

    public Amount Required { get; } = required;

    public string LockId { get; } = lockId;

    public LinkedListNode<UtxoWaiter>? Node { get; set; }

    public Task<CachedUtxo> Task => _completion.Task;

    public bool TrySetResult(CachedUtxo utxo) => _completion.TrySetResult(utxo);

    public bool TrySetException(Exception exception) => _completion.TrySetException(exception);

    /// <summary>True exactly once: the caller now owns (and must release) the reservation.</summary>
    public bool TryTakeReservation() => Interlocked.Exchange(ref _reservationTaken, 1) == 0;
}
