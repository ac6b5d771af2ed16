namespace Fontana.Sdk.Networks;

/// <summary>How a network's nodes are used: retries, circuit breakers, health checks and node selection
/// (<see cref="FailoverNodeTransport"/>). Bound from <c>Fontana:Networks:&lt;name&gt;:Failover</c>.</summary>
public sealed class FailoverOptions
{
    /// <summary>Attempts per request across the nodes (the first included). Default 6.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First delay between attempts; doubles with jitter. Default 50 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest delay between attempts. Default 2 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest a single attempt on one node may take. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A node's circuit opens when this share of its recent calls failed. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls within <see cref="BreakerSamplingDuration"/> before a circuit may open. Default 4.</summary>
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>Window over which failures are counted. Default 10 s.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open circuit keeps the node out before a trial call. Default 2 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often every node is probed (<c>GET /health/ready</c>); zero turns probes off. Default 2 s.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Half-life of the health measurements (success rate, latency): older samples count half after this long,
    /// and a node's score drifts back toward neutral while it is not used. Default 30 s.</summary>
    public TimeSpan HealthHalfLife { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests go to one of the <c>TopK</c> best-scored nodes, at random in proportion to their scores.
    /// Default 3.</summary>
    public int TopK { get; set; } = 3;
}
