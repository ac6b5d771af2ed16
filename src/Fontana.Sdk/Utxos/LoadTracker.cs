namespace Fontana.Sdk.Utxos;

/// <summary>
/// How busy the wallet is: the recent peak of calls holding or waiting for outputs. A heuristic for "concurrent use":
/// a lone sequential caller (peak 1) pays from its change, which costs nothing; with calls in parallel, large outputs
/// are split rather than handed to one call.
/// </summary>
internal sealed class LoadTracker
{
    /// <summary>Observations after which an old peak decays to what is seen now.</summary>
    private const int PeakLifetime = 1024;
    private int _peak;
    private int _age;

    /// <summary>The recent peak.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Records the current load (this call included) and returns the recent peak.</summary>
    public int Observe(int load)
    {
        var peak = Volatile.Read(ref _peak);
        if (load >= peak)
        {
            Volatile.Write(ref _peak, load);
            Volatile.Write(ref _age, 0);
            return load;
        }

        if (Interlocked.Increment(ref _age) > PeakLifetime)
        {
            Volatile.Write(ref _peak, load);
            Volatile.Write(ref _age, 0);
            return load;
        }

        return peak;
    }
}
