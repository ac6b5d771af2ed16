using Fontana.Node.Chain;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fontana.Node.Health;

/// <summary>Ready when the ledger is open, not failed, and its store answers a read.</summary>
internal sealed class LedgerHealthCheck(NodeLedger node) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!node.IsReady)
        {
            return HealthCheckResult.Unhealthy("the ledger is not open");
        }

        try
        {
            var block = await node.Ledger.GetLatestBlockAsync(cancellationToken);
            return HealthCheckResult.Healthy($"tip {block.Height}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the ledger store does not answer", ex);
        }
    }
}
