using System.Diagnostics.Metrics;
using Fontana.Node.Diagnostics;

namespace Fontana.Node.Bridge;

/// <summary>
/// The bridge daemons' instruments, in the node's <c>Fontana.Node</c> meter: the L1 alert (the L1 unreachable or
/// refusing), the vault's L1 balance and its low-vault alert, and counts of what the daemons settled.
/// </summary>
public sealed class BridgeMetrics
{
    private readonly Counter<long> _deposits;
    private readonly Counter<long> _payouts;
    private long _vaultUtia = -1;
    private int _l1Alert;
    private int _vaultLow;

    /// <summary>The bridge's instruments, created on <paramref name="metrics"/>'s meter.</summary>
    public BridgeMetrics(NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = metrics.Meter;
        _deposits = meter.CreateCounter<long>("fontana_bridge_deposits_total", description: "Deposits settled by the watcher, by result (minted | unclaimed).");
        _payouts = meter.CreateCounter<long>("fontana_bridge_withdrawals_total", description: "Withdrawals paid on L1 and confirmed by the processor.");
        meter.CreateObservableGauge("fontana_bridge_l1_alert", () => Volatile.Read(ref _l1Alert), description: "1 while the L1 (celestia-node or the consensus node) fails the bridge daemons, else 0.");
        meter.CreateObservableGauge("fontana_bridge_vault_utia", () => Interlocked.Read(ref _vaultUtia), description: "The vault's L1 balance in utia as last read (-1 before the first read).");
        meter.CreateObservableGauge("fontana_bridge_vault_low_alert", () => Volatile.Read(ref _vaultLow), description: "1 while the vault is below Bridge:L1:LowVaultUtia or cannot cover the next payout.");
    }

    /// <summary>1 while the L1 alert is raised.</summary>
    public int L1Alert => Volatile.Read(ref _l1Alert);

    /// <summary>1 while the low-vault alert is raised.</summary>
    public int VaultLow => Volatile.Read(ref _vaultLow);

    /// <summary>The vault balance last read, or -1.</summary>
    public long VaultUtia => Interlocked.Read(ref _vaultUtia);

    internal void SetL1Alert(bool raised) => Volatile.Write(ref _l1Alert, raised ? 1 : 0);

    internal void SetVault(ulong utia, bool low)
    {
        Interlocked.Exchange(ref _vaultUtia, (long)Math.Min(utia, long.MaxValue));
        Volatile.Write(ref _vaultLow, low ? 1 : 0);
    }

    internal void DepositsSettled(int minted, int unclaimed)
    {
        if (minted > 0)
        {
            _deposits.Add(minted, new KeyValuePair<string, object?>("result", "minted"));
        }

        if (unclaimed > 0)
        {
            _deposits.Add(unclaimed, new KeyValuePair<string, object?>("result", "unclaimed"));
        }
    }

    internal void WithdrawalPaid() => _payouts.Add(1);
}
