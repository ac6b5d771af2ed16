using Fontana.Node.Chain;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fontana.Node.Follower;

/// <summary>Readiness of a follower: unhealthy once it halted (equivocation, or a block that does not replay), with the
/// code, height and hashes in the data; otherwise healthy, reporting its tip and the sequencer's.</summary>
internal sealed class FollowerHealthCheck(FollowerStatus status, NodeLedger node) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Halt is { } halt)
        {
            var data = new Dictionary<string, object> { ["code"] = halt.Code, ["height"] = halt.Height };
            if (halt.HeldHash is { } held)
            {
                data["heldHash"] = held.ToString();
            }

            if (halt.OtherHash is { } other)
            {
                data["otherHash"] = other.ToString();
            }

            return Task.FromResult(HealthCheckResult.Unhealthy($"{halt.Code}: {halt.Reason}", data: data));
        }

        var tip = node.IsReady ? node.Ledger.LatestHeader.Height : 0;
        var sequencerTip = status.SequencerTip;
        var info = new Dictionary<string, object> { ["tip"] = tip };
        if (sequencerTip is { } s)
        {
            info["sequencerTip"] = s;
        }

        return Task.FromResult(HealthCheckResult.Healthy(sequencerTip is { } st ? $"tip {tip}, sequencer tip {st}" : $"tip {tip}", info));
    }
}
