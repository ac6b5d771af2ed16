using Fontana.Bridge.L1;
using Fontana.Bridge.Withdrawals;
using Fontana.Core.Errors;
using Fontana.DataAvailability;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Hosting;

namespace Fontana.Node.Bridge;

/// <summary>
/// The withdrawal processor: every <c>Bridge:L1:PollInterval</c> takes the ledger's unconfirmed withdrawals, oldest
/// first, and for each whose block is posted to DA with a verified inclusion proof (<see cref="PostedInclusionCheck"/>)
/// drives it through <see cref="WithdrawalPayer"/> (each step's change is published on the stream by <see cref="BridgeStatusStream"/>) (intent → L1 payout → recorded → confirmed on the ledger; never
/// twice). It stops at the first withdrawal it cannot finish, so payouts stay in order and a failure keeps it pending
/// with the alert raised. Before paying it reads the vault's balance: below <c>LowVaultUtia</c> or below the next
/// payout raises <c>fontana_bridge_vault_low_alert</c>. Off unless the bridge is configured.
/// </summary>
public sealed class WithdrawalProcessor : DaemonService
{
    private const int BatchSize = 100;

    private readonly BridgeRuntime _bridge;
    private readonly NodeLedger _node;
    private readonly BridgeAlerts _alerts;
    private readonly PostedInclusionCheck _inclusion;
    private bool _started;

    /// <summary>The daemon that pays the ledger's withdrawals on L1 from the vault and confirms them on the ledger once their block is posted to <paramref name="da"/>.</summary>
    public WithdrawalProcessor(BridgeRuntime bridge, NodeLedger node, IDataAvailability da, BridgeAlerts alerts,
        TimeProvider timeProvider, NodeMetrics metrics, ILogger<WithdrawalProcessor> logger)
        : base("bridge-withdrawal-processor", logger, timeProvider, metrics)
    {
        _bridge = bridge;
        _node = node;
        _alerts = alerts;
        _inclusion = new PostedInclusionCheck(node, da);
    }

    /// <inheritdoc/>
    protected override TimeSpan MaxBackoff => _bridge.Options.PollInterval * 4;

    /// <inheritdoc/>
    protected override async ValueTask<bool> WaitForNextIterationAsync(CancellationToken cancellationToken)
    {
        if (!_bridge.IsEnabled)
        {
            return false;
        }

        if (!_started)
        {
            await _node.Opened.WaitAsync(cancellationToken);
            _started = true;
            Logger.LogInformation("paying withdrawals from vault {Vault} (every {Interval})", _bridge.Vault, _bridge.Options.PollInterval);
            return true;
        }

        await Task.Delay(_bridge.Options.PollInterval, Time, cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task RunIterationAsync(CancellationToken cancellationToken)
    {
        var pending = await _node.Ledger.GetPendingWithdrawalsAsync(BatchSize, cancellationToken);
        var store = _bridge.Withdrawals!;
        var vaultChecked = false;
        foreach (var w in pending)
        {
            var id = w.TxId.ToString();
            if (store.Get(id) is { Status: WithdrawalStatus.Failed })
            {
                continue; // never payable (an address no Celestia account has); left for the operator, not blocking the queue
            }

            if (await _inclusion.WhyNotPayableAsync(w.TxId, cancellationToken) is { } notYet)
            {
                Logger.LogDebug("withdrawal {TxId} waits: {Reason}", id, notYet);
                break; // later withdrawals are in the same or later blocks: keep the order
            }

            var before = store.Get(id)?.Status;
            if (!vaultChecked)
            {
                var balance = await CheckVaultAsync(w.Amount.Utia, cancellationToken);
                vaultChecked = true;
                if (balance < w.Amount.Utia && before is null or WithdrawalStatus.Pending)
                {
                    // Not even an intent: nothing is in doubt, the withdrawal simply waits (in order) for the vault.
                    throw new L1Exception(ErrorCodes.L1InsufficientFunds,
                        $"withdrawal {id}: the vault holds {balance} utia, the payout is {w.Amount.Utia} utia");
                }
            }

            var record = await _bridge.Payer!.PayAsync(id, w.L1Address, w.Amount.Utia, cancellationToken);
            if (record.Status == WithdrawalStatus.Confirmed)
            {
                _alerts.Metrics.WithdrawalPaid();
                Logger.LogInformation("withdrawal {TxId}: {Utia} utia paid to {L1Address} by L1 tx {L1TxHash}, confirmed", id, w.Amount.Utia, w.L1Address, record.L1TxHash);
            }
        }

        if (!vaultChecked)
        {
            await CheckVaultAsync(0, cancellationToken);
        }

        _alerts.L1Succeeded(Name);
    }

    /// <inheritdoc/>
    protected override void OnIterationFailed(Exception exception, int consecutiveFailures)
    {
        if (exception is L1Exception { Code: ErrorCodes.L1InsufficientFunds })
        {
            _alerts.Metrics.SetVault((ulong)Math.Max(0, _alerts.Metrics.VaultUtia), low: true);
        }

        _alerts.L1Failed(Name, exception, consecutiveFailures);
    }

    private async Task<ulong> CheckVaultAsync(ulong nextPayout, CancellationToken cancellationToken)
    {
        var balance = await _bridge.State!.BalanceAsync(cancellationToken);
        var low = balance < _bridge.Options.LowVaultUtia || balance < nextPayout;
        if (low && _alerts.Metrics.VaultLow == 0)
        {
            Logger.LogCritical("BRIDGE ALERT: the vault holds {Balance} utia (threshold {Threshold}, next payout {Next}); payouts wait until it is refilled",
                balance, _bridge.Options.LowVaultUtia, nextPayout);
        }

        _alerts.Metrics.SetVault(balance, low);
        return balance;
    }
}
