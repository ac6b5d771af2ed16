using Fontana.Bridge.L1;

namespace Fontana.Node.Bridge;

/// <summary>
/// The L1 alert shared by both daemons: raised (critical log, <c>fontana_bridge_l1_alert 1</c>) at once for a permanent
/// L1 error (<c>l1-auth</c>, <c>l1-index-disabled</c>, …) and after <see cref="AlertAfterFailures"/> consecutive
/// transient ones; cleared when every daemon that raised it has a successful pass again.
/// </summary>
public sealed class BridgeAlerts(BridgeMetrics metrics, ILogger<BridgeAlerts> logger)
{
    /// <summary>Consecutive transient L1 failures of one daemon before the alert is raised.</summary>
    public const int AlertAfterFailures = 3;

    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The instruments.</summary>
    public BridgeMetrics Metrics => metrics;

    internal void L1Failed(string daemon, Exception exception, int consecutiveFailures)
    {
        var l1 = exception as L1Exception;
        var raise = l1 is { IsTransient: false } || consecutiveFailures >= AlertAfterFailures;
        if (!raise)
        {
            return;
        }

        bool first;
        lock (_gate)
        {
            first = _failing.Add(daemon);
            metrics.SetL1Alert(true);
        }

        if (first)
        {
            logger.LogCritical(
                "BRIDGE ALERT: {Daemon} cannot use the L1 ({Code}): {Reason}. Nothing is lost: deposits and withdrawals wait, in order, and are caught up when this clears.",
                daemon, l1?.Code ?? exception.GetType().Name, exception.Message);
        }
    }

    internal void L1Succeeded(string daemon)
    {
        lock (_gate)
        {
            if (!_failing.Remove(daemon))
            {
                return;
            }

            if (_failing.Count == 0)
            {
                metrics.SetL1Alert(false);
            }
        }

        logger.LogWarning("bridge: {Daemon} reaches the L1 again; catching up in order", daemon);
    }
}
