// begin-snippet: sdk-transports
using Fontana.Core.Api;
using Fontana.Sdk;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Transports;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class SdkTransports
{
    public static async Task TransportsAsync(IInProcessNode inProcessNode, CancellationToken stop)
    {
        // begin-snippet: sdk-transports
        // One node over HTTP, over one WebSocket (requests and subscriptions), or in the same process (no sockets).
        using var overHttp = new FontanaClient(new HttpNodeTransport(new Uri("http://127.0.0.1:5080/")), ownsTransport: true);
        using var overWebSocket = new FontanaClient(new WebSocketNodeTransport(new Uri("http://127.0.0.1:5080/")), ownsTransport: true);
        using var inProcess = new FontanaClient(new InProcessNodeTransport(inProcessNode), ownsTransport: true);

        // Several nodes of one network: retries, circuit breakers, health-weighted choice (see Failover).
        var failover = new FailoverNodeTransport(
            [new WeightedNodeTransport(new HttpNodeTransport(new Uri("http://127.0.0.1:5080/")), Weight: 2),
             new WeightedNodeTransport(new HttpNodeTransport(new Uri("http://127.0.0.1:5081/")))]);
        using var node = new FontanaClient(failover, ownsTransport: true);
        NodeInfo info = await node.GetInfoAsync();

        // Subscriptions: headers resume from the last height seen across reconnects (no event lost or repeated).
        await foreach (var message in failover.StreamAsync(new StreamRequestDto("subscribe", Topic: "headers"), stop))
        {
            Console.WriteLine($"{message.Type} {message.Header?.Height}");
        }
        // end-snippet
    }
}
