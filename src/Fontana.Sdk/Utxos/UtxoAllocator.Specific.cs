using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>Locking one specific output: wait (per output, with the lock timeout) until its holder releases it.</summary>
internal sealed partial class UtxoAllocator
{
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
}
