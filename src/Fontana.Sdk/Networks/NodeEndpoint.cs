using Fontana.Sdk.Transports;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fontana.Sdk.Networks;

/// <summary>One node of a network: its transport, measured health and circuit breaker (Polly).</summary>
public sealed class NodeEndpoint
{
    private readonly CircuitBreakerStateProvider _state = new();

    internal NodeEndpoint(INodeTransport transport, double weight, FailoverOptions options, TimeProvider time)
    {
        Transport = transport;
        Weight = weight;
        Health = new NodeHealth(time, options.HealthHalfLife);
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder()
                    .Handle<FontanaApiException>(e => e.Code is FontanaApiException.NodeUnreachableCode or FontanaApiException.BadResponseCode)
                    .Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The node's transport.</summary>
    public INodeTransport Transport { get; }

    /// <summary>The node's name (its URL).</summary>
    public string Name => Transport.Name;

    /// <summary>The node's configured weight: its health score is multiplied by it when nodes are picked (default 1).</summary>
    public double Weight { get; }

    /// <summary>Success rate and latency measured so far.</summary>
    public NodeHealth Health { get; }

    /// <summary>The circuit breaker's state: <c>Closed</c> (in use), <c>Open</c> (left out), <c>HalfOpen</c> (next call is a trial).</summary>
    public CircuitState Circuit => _state.CircuitState;

    /// <summary>Sequencer or follower, learnt from the node's <c>GET /v1/info</c>.</summary>
    public NodeRole Role { get; internal set; }

    internal ResiliencePipeline Pipeline { get; }

    internal bool IsAvailable => _state.CircuitState is CircuitState.Closed or CircuitState.HalfOpen;
}
