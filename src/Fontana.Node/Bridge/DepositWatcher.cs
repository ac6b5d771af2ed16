using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Hosting;

namespace Fontana.Node.Bridge;

/// <summary>
/// The deposit watcher: every <c>Bridge:L1:PollInterval</c> runs one <see cref="Fontana.Bridge.Deposits.DepositScanner"/>
/// pass (transfers to the vault above the persisted cursor → seen → minted once after the confirmations, or
/// unclaimed). An L1 failure fails the pass: the base backs off and retries, the cursor does not move, so deposits
/// are caught up in L1 order when the L1 returns; <c>fontana_bridge_l1_alert</c> is raised while it lasts. Off unless
/// the bridge is configured.
/// </summary>
public sealed class DepositWatcher(BridgeRuntime bridge, NodeLedger node, BridgeAlerts alerts, TimeProvider timeProvider, NodeMetrics metrics, ILogger<DepositWatcher> logger)
    : DaemonService("bridge-deposit-watcher", logger, timeProvider, metrics)
{
    private bool _started;

    /// <inheritdoc/>
    protected override TimeSpan MaxBackoff => bridge.Options.PollInterval * 4;

    /// <inheritdoc/>
    protected override async ValueTask<bool> WaitForNextIterationAsync(CancellationToken cancellationToken)
    {
        if (!bridge.IsEnabled)
        {
            return false;
        }

        if (!_started)
        {
            await node.Opened.WaitAsync(cancellationToken);
            _started = true;
            Logger.LogInformation("watching deposits to {Vault} ({Confirmations} confirmations, every {Interval})",
                bridge.Vault, bridge.Options.Confirmations, bridge.Options.PollInterval);
            return true;
        }

        await Task.Delay(bridge.Options.PollInterval, Time, cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task RunIterationAsync(CancellationToken cancellationToken)
    {
        var before = bridge.Deposits!.Counts();
        await bridge.Scanner!.ScanOnceAsync(cancellationToken);
        var after = bridge.Deposits.Counts();
        var minted = (int)(after[Fontana.Bridge.Deposits.DepositStatus.Minted] - before[Fontana.Bridge.Deposits.DepositStatus.Minted]);
        var unclaimed = (int)(after[Fontana.Bridge.Deposits.DepositStatus.Unclaimed] - before[Fontana.Bridge.Deposits.DepositStatus.Unclaimed]);
        alerts.Metrics.DepositsSettled(minted, unclaimed);
        if (unclaimed > 0)
        {
            Logger.LogWarning("{Count} deposit(s) to the vault had no valid Fontana address in the memo: recorded unclaimed for a refund (GET /v1/deposits)", unclaimed);
        }

        alerts.L1Succeeded(Name);
    }

    /// <inheritdoc/>
    protected override void OnIterationFailed(Exception exception, int consecutiveFailures) => alerts.L1Failed(Name, exception, consecutiveFailures);
}
