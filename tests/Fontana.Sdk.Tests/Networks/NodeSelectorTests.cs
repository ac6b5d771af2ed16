using Fontana.Sdk.Networks;
using Fontana.Sdk.Transports;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Networks;

/// <summary>Node choice by configured weight (health equal), with a fixed random source: no timing involved.</summary>
public sealed class NodeSelectorTests
{
    [Fact]
    public async Task Pick_EquallyHealthyNodes_TrafficInProportionToWeight()
    {
        await using var failover = new FailoverNodeTransport(
            [new WeightedNodeTransport(new HttpNodeTransport(new Uri("http://127.0.0.1:1/")), 1),
             new WeightedNodeTransport(new HttpNodeTransport(new Uri("http://127.0.0.1:2/")), 3)],
            new FailoverOptions { HealthCheckInterval = TimeSpan.Zero }, new FakeTimeProvider());
        var random = new Random(14);
        var heavy = 0;

        for (var i = 0; i < 4_000; i++)
        {
            heavy += NodeSelector.Pick(failover.Nodes, [], 3, random) == failover.Nodes[1] ? 1 : 0;
        }

        ((double)heavy / (4_000 - heavy)).ShouldBeInRange(2.7, 3.3);
    }

    [Fact]
    public void Construct_NonPositiveWeight_RefusedNamingTheNode()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new FailoverNodeTransport(
            [new WeightedNodeTransport(new HttpNodeTransport(new Uri("http://127.0.0.1:1/")), 0)]));

        error.Message.ShouldContain("http://127.0.0.1:1/");
    }
}
