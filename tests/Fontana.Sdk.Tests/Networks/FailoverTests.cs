using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Transports;
using Xunit.Abstractions;

namespace Fontana.Sdk.Tests.Networks;

/// <summary>Several nodes of one network: failover without failed calls, traffic back to a node that returns, errors
/// naming the nodes.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly FailoverOptions FastHealth = new()
    {
        HealthCheckInterval = TimeSpan.FromMilliseconds(200),
        HealthHalfLife = TimeSpan.FromSeconds(2),
        BreakDuration = TimeSpan.FromMilliseconds(500),
    };

    [Fact]
    public async Task PaidCalls_OneOfThreeNodesKilledMidRun_ZeroFailedCallsAndTrafficReturnsWhenItIsBack()
    {
        const int calls = 2_000;
        var wallet = PrivateKey.Generate();
        var address = new Address(wallet.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(10))]);
        await using var b = await NodeReplica.StartAsync(chain);
        await using var c = await NodeReplica.StartAsync(chain);
        var failover = new FailoverNodeTransport(
            [new HttpNodeTransport(chain.BaseAddress), new HttpNodeTransport(b.BaseAddress), new HttpNodeTransport(c.BaseAddress)], FastHealth);
        using var client = new FontanaClient(failover, ownsTransport: true);
        using var payer = new FontanaPayer(client, new FontanaPayerOptions { SigningKey = wallet, UseStream = false, RefreshInterval = TimeSpan.FromMilliseconds(50) });
        using var http = LiveChain.PayingClient(payer);

        var failed = await KilledMidRunCalls.RunAsync(http, chain.Url("paid"), calls, () => b.KillAsync(), output);
        var servedByB = b.ApiRequests;
        output.WriteLine($"paid {calls}, failed {failed}, splits {payer.SplitCount}; node requests A/B/C before the kill: " +
            string.Join(" / ", failover.Nodes.Select(n => $"{n.Health.Successes} ok {n.Health.Failures} failed")));

        failed.ShouldBe(0);
        payer.PaymentCount.ShouldBe(calls);
        chain.InputSpentRejections.ShouldBe(0);
        servedByB.ShouldBeGreaterThan(0, "B took part before it was killed");

        await b.RestartAsync();
        var before = b.ApiRequests;
        await Eventually.TrueAsync(() => b.ApiRequests > before + 10, TimeSpan.FromSeconds(30), "node B back: requests go to it again");
        output.WriteLine($"B served {b.ApiRequests - before} requests after its restart");
    }

    [Fact]
    public async Task Requests_EveryNodeDown_NodeUnreachableNamingEachNode()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await using var b = await NodeReplica.StartAsync(chain);
        await using var c = await NodeReplica.StartAsync(chain);
        var urls = new[] { b.BaseAddress, c.BaseAddress };
        await b.KillAsync();
        await c.KillAsync();
        using var client = new FontanaClient(
            new FailoverNodeTransport([.. urls.Select(u => new HttpNodeTransport(u))], new FailoverOptions { HealthCheckInterval = TimeSpan.Zero, MaxAttempts = 4 }),
            ownsTransport: true);

        var error = await Should.ThrowAsync<FontanaApiException>(() => client.GetInfoAsync());

        error.Code.ShouldBe("node-unreachable");
        error.Message.ShouldContain(urls[0].ToString());
        error.Message.ShouldContain(urls[1].ToString());
        error.Message.ShouldContain("after 4 attempts");
    }

    [Fact]
    public async Task Requests_OneNodeAnswersGarbage_OtherNodeAnswers()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await using var garbage = await KestrelHost.StartAsync(
            new Dictionary<string, string?>(), _ => { },
            app => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/v1/info", () => "<html>not json"));
        var failover = new FailoverNodeTransport(
            [new HttpNodeTransport(garbage.BaseAddress), new HttpNodeTransport(chain.BaseAddress)], new FailoverOptions { HealthCheckInterval = TimeSpan.Zero });
        using var client = new FontanaClient(failover, ownsTransport: true);

        for (var i = 0; i < 20; i++)
        {
            (await client.GetInfoAsync()).ChainId.ShouldBe(LiveChain.ChainId);
        }

        failover.Nodes[0].Health.Successes.ShouldBe(0);
        using var onlyGarbage = new FontanaClient(new FailoverNodeTransport([new HttpNodeTransport(garbage.BaseAddress)], new FailoverOptions { HealthCheckInterval = TimeSpan.Zero, MaxAttempts = 2 }), ownsTransport: true);
        (await Should.ThrowAsync<FontanaApiException>(() => onlyGarbage.GetInfoAsync())).Code.ShouldBe("bad-response");
    }
}
