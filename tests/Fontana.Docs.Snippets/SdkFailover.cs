// begin-snippet: sdk-failover
using Fontana.Sdk;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Transports;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class SdkFailover
{
    public static async Task RunAsync(Fontana.Core.Crypto.PrivateKey key)
    {
        // begin-snippet: sdk-failover
        // A sequencer and two followers (`fontana devnet --followers 2`): one network, three nodes.
        var failover = new FailoverNodeTransport(
            [new HttpNodeTransport(new Uri("http://127.0.0.1:5080/")),
             new HttpNodeTransport(new Uri("http://127.0.0.1:5081/")),
             new HttpNodeTransport(new Uri("http://127.0.0.1:5082/"))],
            new FailoverOptions { MaxAttempts = 6, BreakDuration = TimeSpan.FromSeconds(2), HealthCheckInterval = TimeSpan.FromSeconds(2) });
        await failover.WaitForServiceAsync(TimeSpan.FromSeconds(60));    // node-unreachable naming the nodes otherwise
        using var node = new FontanaClient(failover, ownsTransport: true);
        using var payer = new FontanaPayer(node, new FontanaPayerOptions { SigningKey = key });

        foreach (var n in failover.Nodes)
        {
            // e.g. "http://127.0.0.1:5081/ Follower Closed 0.98 1.2 ms"
            Console.WriteLine($"{n.Name} {n.Role} {n.Circuit} {n.Health.SuccessRate:0.00} {n.Health.LatencyMs:0.0} ms");
        }
        // end-snippet
    }
}
