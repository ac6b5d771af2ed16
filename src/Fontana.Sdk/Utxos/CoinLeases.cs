using System.Globalization;
using Fontana.Core;
using Fontana.Sdk.Store;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>This process's leases on the wallet's coins in the shared <see cref="WalletStore"/>: one owner id per payer
/// (process id + random) with a heartbeat renewed every third of <see cref="Duration"/> while the payer lives, so its
/// held leases last exactly as long as it does (plus at most <see cref="Duration"/> after it dies). New outputs of its
/// splits are soft-leased to it for <see cref="SoftDuration"/>. A store that fails is logged and treated as "not
/// claimed" (the coin is skipped) — never as a claim.</summary>
internal sealed class CoinLeases : IDisposable
{
    private readonly WalletStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _startedAt;
    private ITimer? _heartbeat;
    private int _disposed;

    public CoinLeases(WalletStore store, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _store = store;
        Duration = duration;
        _time = time;
        _logger = logger;
        _startedAt = time.GetUtcNow();
    }

    public string Owner { get; } = "pid-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];

    public TimeSpan Duration { get; }

    /// <summary>How long the outputs of this process's own split stay reserved to it: long enough for the calls that
    /// asked for the split to take them (milliseconds), short enough that a remainder they leave is soon everyone's.</summary>
    public static TimeSpan SoftDuration { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Claims made / refused because another process holds the coin or spent it.</summary>
    public long Claimed;

    public long Refused;

    /// <summary>Registers the owner and starts its heartbeat (idempotent).</summary>
    public void Start()
    {
        if (Volatile.Read(ref _disposed) != 0 || _heartbeat is not null)
        {
            return;
        }

        Beat();
        var period = Duration / 3;
        var timer = _time.CreateTimer(static state => ((CoinLeases)state!).Beat(), this, period, period);
        if (Interlocked.CompareExchange(ref _heartbeat, timer, null) is not null)
        {
            timer.Dispose();
        }
    }

    public bool TryClaim(OutPoint outPoint, Amount amount)
    {
        var now = _time.GetUtcNow();
        try
        {
            if (_store.TryClaimOutput(outPoint, amount, Owner, now, now + Duration))
            {
                Interlocked.Increment(ref Claimed);
                return true;
            }
        }
        catch (WalletStoreException ex)
        {
            UtxoLog.LeaseStoreFailed(_logger, "claim", outPoint.ToString(), ex);
        }

        Interlocked.Increment(ref Refused);
        return false;
    }

    /// <summary>Claims the first of <paramref name="candidates"/> it may (one store transaction); -1 if none.
    /// <paramref name="unavailable"/>: the indexes held by others or spent (all of them if the store failed).</summary>
    public int TryClaimFirst(IReadOnlyList<(OutPoint OutPoint, Amount Amount)> candidates, List<int> unavailable)
    {
        var now = _time.GetUtcNow();
        try
        {
            var chosen = _store.TryClaimFirstOutput(candidates, Owner, now, now + Duration, unavailable);
            Interlocked.Add(ref Refused, unavailable.Count);
            if (chosen >= 0)
            {
                Interlocked.Increment(ref Claimed);
            }

            return chosen;
        }
        catch (WalletStoreException ex)
        {
            UtxoLog.LeaseStoreFailed(_logger, "claim", candidates.Count > 0 ? candidates[0].OutPoint.ToString() : "-", ex);
            unavailable.Clear();
            unavailable.AddRange(Enumerable.Range(0, candidates.Count));
            Interlocked.Add(ref Refused, candidates.Count);
            return -1;
        }
    }

    /// <summary>Keeps other processes off new outputs of our own split for <see cref="SoftDuration"/>.</summary>
    public void LeaseNew(IReadOnlyList<(OutPoint OutPoint, Amount Amount)> outputs)
    {
        var now = _time.GetUtcNow();
        try
        {
            _store.LeaseNewOutputs(outputs, Owner, now, now + SoftDuration);
        }
        catch (WalletStoreException ex)
        {
            // Only a preference: another process may claim them first, and one of us is refused.
            UtxoLog.LeaseStoreFailed(_logger, "lease new", outputs.Count > 0 ? outputs[0].OutPoint.ToString() : "-", ex);
        }
    }

    /// <summary>The coins other live owners hold now (empty if the store cannot say).</summary>
    public IReadOnlyList<OutPoint> HeldByOthers()
    {
        try
        {
            return _store.ListOutputsLeasedByOthers(Owner, _time.GetUtcNow());
        }
        catch (WalletStoreException ex)
        {
            UtxoLog.LeaseStoreFailed(_logger, "list", "-", ex);
            return [];
        }
    }

    public void Release(OutPoint outPoint)
    {
        try
        {
            _store.ReleaseOutput(outPoint, Owner, _time.GetUtcNow());
        }
        catch (WalletStoreException ex)
        {
            // The lease runs out by itself.
            UtxoLog.LeaseStoreFailed(_logger, "release", outPoint.ToString(), ex);
        }
    }

    public void Spent(OutPoint outPoint)
    {
        try
        {
            _store.MarkOutputSpent(outPoint, _time.GetUtcNow());
        }
        catch (WalletStoreException ex)
        {
            // Another process that claims it later is refused by the ledger (input-spent) and retries.
            UtxoLog.LeaseStoreFailed(_logger, "mark spent", outPoint.ToString(), ex);
        }
    }

    /// <summary>Stops the heartbeat and ends this owner's leases (a clean shutdown frees its coins at once).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _heartbeat?.Dispose();
        try
        {
            _store.EndLeaseOwner(Owner, _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is WalletStoreException or InvalidOperationException or ObjectDisposedException)
        {
            // The store was closed first or failed: the heartbeat runs out by itself within Duration.
            UtxoLog.LeaseStoreFailed(_logger, "end", Owner, ex);
        }
    }

    private void Beat()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            _store.RenewLeaseOwner(Owner, Environment.MachineName, Environment.ProcessId, _startedAt, _time.GetUtcNow() + Duration);
        }
        catch (Exception ex) when (ex is WalletStoreException or InvalidOperationException or ObjectDisposedException)
        {
            UtxoLog.LeaseStoreFailed(_logger, "heartbeat", Owner, ex);
        }
    }
}
