using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// One call's hold on one output plus its funds reservation. Ends exactly once: <see cref="Settle"/> (our transaction
/// spending it was accepted), <see cref="Release"/> (not used after all: free again), or <see cref="Discard"/>
/// (someone else spent it). Disposing an open lease releases it.
/// </summary>
internal sealed class UtxoLease : IDisposable
{
    private readonly UtxoAllocator _allocator;
    private int _ended;

    internal UtxoLease(UtxoAllocator allocator, CachedUtxo utxo, string lockId, Amount reserved, TimeSpan waited)
    {
        _allocator = allocator;
        OutPoint = utxo.OutPoint;
        Amount = utxo.Amount;
        LockId = lockId;
        Reserved = reserved;
        Waited = waited;
    }

    public OutPoint OutPoint { get; }

    public Amount Amount { get; }

    public string LockId { get; }

    /// <summary>Funds committed to this call (price + fee, or the whole output for a specific lock).</summary>
    public Amount Reserved { get; }

    /// <summary>How long the call waited for the output (zero when one was free).</summary>
    public TimeSpan Waited { get; }

    public bool IsEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Our transaction spending the output was accepted; <paramref name="change"/> (if any) is ours and confirmed.</summary>
    public void Settle(OutPoint? change, Amount changeAmount)
    {
        if (End())
        {
            _allocator.OnSettled(this, change, changeAmount);
        }
    }

    /// <summary>The output was not spent: it becomes available again.</summary>
    public void Release()
    {
        if (End())
        {
            _allocator.OnReleased(this);
        }
    }

    /// <summary>The output turned out spent by another transaction: drop it.</summary>
    public void Discard()
    {
        if (End())
        {
            _allocator.OnDiscarded(this);
        }
    }

    public void Dispose() => Release();

    private bool End() => Interlocked.Exchange(ref _ended, 1) == 0;
}
