using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Monitor;

/// <summary>
/// <c>sync-when-idle</c>: when the wallet has had no payment in flight and no activity for
/// <see cref="WalletMonitorOptions.IdleAfter"/>, re-reads its outputs from the node (at most once per
/// <see cref="WalletMonitorOptions.IdleAfter"/>), so a wallet that sat still starts its next burst from fresh outputs.
/// </summary>
internal sealed class IdleSynchronizer(
    Func<bool> isIdle, Func<DateTimeOffset> lastActivity, Func<CancellationToken, Task> refresh, WalletMonitorOptions options,
    TimeProvider time, MonitorMetrics metrics, ILogger logger)
    : MonitorTask("sync-when-idle", options.IdleCheckInterval, time, metrics, logger)
{
    private DateTimeOffset _lastSync = time.GetUtcNow();

    /// <summary>Refreshes done.</summary>
    public int Syncs { get; private set; }

    protected override async Task<int> RunCoreAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (!isIdle() || now - lastActivity() < options.IdleAfter || now - _lastSync < options.IdleAfter)
        {
            return 0;
        }

        await refresh(cancellationToken).ConfigureAwait(false);
        _lastSync = Time.GetUtcNow();
        Syncs++;
        Metrics.Item(Name, "refreshed");
        return 1;
    }
}
