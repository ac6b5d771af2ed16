using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>How busy the wallet is, and refilling outputs ahead of demand when calls run in parallel.</summary>
internal sealed partial class UtxoAllocator
{
    /// <summary>
    /// Records how many calls hold or wait for outputs (this one included) and returns the recent peak: a heuristic
    /// for "concurrent use". A lone sequential caller (peak 1) pays from its change, which costs nothing; with calls
    /// in parallel, large outputs are split rather than handed to one call.
    /// </summary>
    private int ObserveLoad()
    {
        var load = Volatile.Read(ref _activeLeases) + Volatile.Read(ref _waiterCount) + 1;
        var peak = Volatile.Read(ref _peakLoad);
        if (load >= peak)
        {
            Volatile.Write(ref _peakLoad, load);
            Volatile.Write(ref _peakAge, 0);
            return load;
        }

        if (Interlocked.Increment(ref _peakAge) > 1024)
        {
            // The peak is old: let it decay to what is seen now.
            Volatile.Write(ref _peakLoad, load);
            Volatile.Write(ref _peakAge, 0);
            return load;
        }

        return peak;
    }

    /// <summary>Starts a background split when calls run in parallel and no more outputs are free than calls in flight.</summary>
    private void MaybeRefill(Amount required)
    {
        if (_splitExecutor is null || !_strategy.RefillAhead)
        {
            return;
        }

        var peak = Volatile.Read(ref _peakLoad);
        if (peak < 2 || _cache.AvailableCount > peak)
        {
            return;
        }

        Volatile.Write(ref _refillAmount, (long)required.Utia);
        Volatile.Write(ref _refillWanted, 1);
        MaybeStartSplit();
    }
}
