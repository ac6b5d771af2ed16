using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Sdk.Subscriptions;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Transports;

namespace Fontana.Sdk.Tests.Subscriptions;

/// <summary>Verified header subscriptions against a real node, directly and through a proxy that tampers with or
/// cuts the stream.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class HeaderSubscriptionTests
{
    [Fact]
    public async Task HeadersAsync_RealNode_VerifiedChainInOrder()
    {
        await using var chain = await LiveChain.StartAsync([]);
        using var client = new FontanaClient(new WebSocketNodeTransport(chain.BaseAddress), ownsTransport: true);
        var subscriptions = new FontanaSubscriptions(client);
        await chain.Ledger.SealAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var headers = await TakeAsync(subscriptions.HeadersAsync(fromHeight: 1, stop.Token), 3, chain, stop.Token);

        headers.Select(h => h.Height).ShouldBe([1UL, 2UL, 3UL]);
        headers[1].PreviousHash.ShouldBe(headers[0].Hash);
        headers[2].PreviousHash.ShouldBe(headers[1].Hash);
        (await subscriptions.GetTrustAsync()).ChainId.ShouldBe(LiveChain.ChainId);
    }

    [Fact]
    public async Task HeadersAsync_PinnedKeyOfAnotherSequencer_HeaderBadSignature()
    {
        await using var chain = await LiveChain.StartAsync([]);
        using var client = new FontanaClient(chain.BaseAddress);
        var subscriptions = new FontanaSubscriptions(client, new ChainTrust(LiveChain.ChainId, PrivateKey.Generate().PublicKey));

        var ex = await Should.ThrowAsync<SubscriptionException>(async () =>
        {
            await foreach (var _ in subscriptions.HeadersAsync())
            {
            }
        });

        ex.Code.ShouldBe("header-bad-signature");
        ex.Message.ShouldContain("is not signed by the sequencer key");
    }

    [Fact]
    public async Task HeadersAsync_ProxyAltersASignature_HeaderBadSignature()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await using var proxy = await StreamTamperProxy.StartAsync(chain.BaseAddress);
        proxy.Rewrite = (_, message) => message.Header is { Height: 2 } header ? message with { Header = header with { Encoded = FlipLastByte(header.Encoded) } } : message;
        using var client = new FontanaClient(new WebSocketNodeTransport(proxy.BaseAddress), ownsTransport: true);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var seen = new List<ulong>();

        var ex = await Should.ThrowAsync<SubscriptionException>(() => CollectAsync(new FontanaSubscriptions(client).HeadersAsync(fromHeight: 1, stop.Token), seen, chain, stop.Token));

        ex.Code.ShouldBe("header-bad-signature");
        seen.ShouldBe([1UL]);
    }

    [Fact]
    public async Task HeadersAsync_ProxyAltersAParentHash_HeaderBadSignature()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await using var proxy = await StreamTamperProxy.StartAsync(chain.BaseAddress);
        proxy.Rewrite = (_, message) => message.Header is { Height: 2 } header ? message with { Header = header with { PreviousHash = new string('e', 64) } } : message;
        using var client = new FontanaClient(new WebSocketNodeTransport(proxy.BaseAddress), ownsTransport: true);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var seen = new List<ulong>();

        var ex = await Should.ThrowAsync<SubscriptionException>(() => CollectAsync(new FontanaSubscriptions(client).HeadersAsync(fromHeight: 1, stop.Token), seen, chain, stop.Token));

        ex.Code.ShouldBe("header-bad-signature");
        ex.Message.ShouldContain("disagree with its signed bytes");
        seen.ShouldBe([1UL]);
    }

    [Fact]
    public async Task HeadersAsync_ProxyWithholdsAHeader_HeaderChainBroken()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await using var proxy = await StreamTamperProxy.StartAsync(chain.BaseAddress);
        proxy.Rewrite = (_, message) => message.Header is { Height: 2 } ? null : message;
        using var client = new FontanaClient(new WebSocketNodeTransport(proxy.BaseAddress), ownsTransport: true);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var seen = new List<ulong>();

        var ex = await Should.ThrowAsync<SubscriptionException>(() => CollectAsync(new FontanaSubscriptions(client).HeadersAsync(fromHeight: 1, stop.Token), seen, chain, stop.Token));

        ex.Code.ShouldBe("header-chain-broken");
        ex.Message.ShouldContain("header 3 does not follow header 1");
        seen.ShouldBe([1UL]);
    }

    [Fact]
    public async Task HeadersAsync_StreamDropsMidHeader_ResumesVerifiedWithoutLossOrRepeat()
    {
        await using var chain = await LiveChain.StartAsync([]);
        await using var proxy = await StreamTamperProxy.StartAsync(chain.BaseAddress);
        proxy.CutFirstConnectionAtHeight = 3;
        var options = new WebSocketNodeTransportOptions { ReconnectDelay = TimeSpan.FromMilliseconds(10) };
        using var client = new FontanaClient(new WebSocketNodeTransport(proxy.BaseAddress, options), ownsTransport: true);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        var headers = await TakeAsync(new FontanaSubscriptions(client).HeadersAsync(fromHeight: 1, stop.Token), 5, chain, stop.Token);

        headers.Select(h => h.Height).ShouldBe([1UL, 2UL, 3UL, 4UL, 5UL]);
        for (var i = 1; i < headers.Count; i++)
        {
            headers[i].PreviousHash.ShouldBe(headers[i - 1].Hash);
        }

        proxy.Connections.ShouldBe(2);
    }

    /// <summary>Seals a block whenever the subscription waits, until <paramref name="count"/> headers arrived.</summary>
    private static async Task<List<BlockHeader>> TakeAsync(IAsyncEnumerable<BlockHeader> stream, int count, LiveChain chain, CancellationToken stop)
    {
        var headers = new List<BlockHeader>();
        await using var e = stream.GetAsyncEnumerator(stop);
        while (headers.Count < count)
        {
            var next = e.MoveNextAsync().AsTask();
            while (!next.IsCompleted)
            {
                await chain.Ledger.SealAsync();
                await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(200), stop));
            }

            (await next).ShouldBeTrue();
            headers.Add(e.Current);
        }

        return headers;
    }

    private static async Task CollectAsync(IAsyncEnumerable<BlockHeader> stream, List<ulong> seen, LiveChain chain, CancellationToken stop)
    {
        await chain.Ledger.SealAsync();
        await chain.Ledger.SealAsync();
        await chain.Ledger.SealAsync();
        await foreach (var header in stream.WithCancellation(stop))
        {
            seen.Add(header.Height);
        }
    }

    private static string FlipLastByte(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[^1] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }
}
