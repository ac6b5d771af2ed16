using Fontana.Node.Diagnostics;
using Fontana.Node.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Health;

/// <summary>Ready while fewer than <see cref="DaPosterOptions.ReadyBacklogThreshold"/> sealed blocks wait for DA.</summary>
internal sealed class DaBacklogHealthCheck(NodeMetrics metrics, IOptions<FontanaNodeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = metrics.DaBacklog;
        var threshold = options.Value.DaPoster.ReadyBacklogThreshold;
        var data = new Dictionary<string, object> { ["backlogBlocks"] = backlog, ["threshold"] = threshold, ["alert"] = metrics.DaAlert };
        return Task.FromResult(backlog < threshold
            ? HealthCheckResult.Healthy($"{backlog} blocks wait for DA", data)
            : HealthCheckResult.Unhealthy($"{backlog} blocks wait for DA (threshold {threshold})", data: data));
    }
}
