using System.Net.Http.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.DataAvailability;
using Fontana.DataAvailability.Tests.Support;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Hosting;

/// <summary>The DA poster against the celestia-node fake: an outage does not stop sealing, raises the alert, and
/// posting catches up in order with nothing lost.</summary>
public sealed class DaOutageTests
{
    [Fact]
    public async Task DaOutage_BlocksKeepSealing_AlertRises_PostingCatchesUpInOrder()
    {
        await using var celestia = await FakeCelestiaNode.StartAsync();
        var celestiaOptions = celestia.Options();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Fontana:DataAvailability:Layer"] = "celestia",
            ["Fontana:DataAvailability:Celestia:Url"] = celestiaOptions.Url,
            ["Fontana:DataAvailability:Celestia:AuthToken"] = celestiaOptions.AuthToken,
            ["Fontana:DataAvailability:Celestia:NamespaceId"] = celestiaOptions.NamespaceId,
            ["Fontana:DataAvailability:Retry:MaxRetryAttempts"] = "2",
            ["Fontana:DataAvailability:Retry:BaseDelay"] = "00:00:00.010",
            ["Fontana:DataAvailability:Retry:MaxDelay"] = "00:00:00.050",
            ["Fontana:DataAvailability:Retry:AlertAfterAttempts"] = "3",
            ["Fontana:DaPoster:MaxBackoff"] = "00:00:00.100",
        }, blockInterval: TimeSpan.FromMilliseconds(100));
        var metrics = node.Host.Services.GetRequiredService<NodeMetrics>();
        await Wait.UntilAsync(async () => (await node.Ledger.GetBlockAsync(2))?.Status == BlockStatus.Posted, what: "block 2 posted");

        celestia.FailNext(60, FakeFailure.Http500);
        var heightAtOutage = node.Ledger.LatestHeader.Height;
        var submitted = new List<Hash32>();
        for (var i = 0; i < TestNode.AllocationCount; i++)
        {
            var tx = node.Transfer(i, node.OwnerAddress, Amount.FromTia(1));
            (await node.Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest))
                .EnsureSuccessStatusCode();
            submitted.Add(tx.TxId);
        }

        await Wait.UntilAsync(() => metrics.DaAlert == 1, what: "the DA alert");
        TestMetrics.Observe(metrics, "fontana_da_alert").ShouldBe(1);
        await Wait.UntilAsync(() => node.Ledger.LatestHeader.Height >= heightAtOutage + 5, what: "blocks sealing during the outage");
        metrics.DaBacklog.ShouldBeGreaterThan(0);

        await Wait.UntilAsync(() => metrics.DaAlert == 0 && metrics.DaBacklog == 0, TimeSpan.FromSeconds(60), "posting to catch up");

        var tip = node.Ledger.LatestHeader.Height;
        await Wait.UntilAsync(async () => (await node.Ledger.GetBlockAsync(tip))?.Status == BlockStatus.Posted, what: "the tip posted");
        celestia.Violations.ShouldBeEmpty();
        var layer = node.Host.Services.GetRequiredService<IDataAvailability>();
        var onDa = new List<(ulong Height, Hash32 Hash, IReadOnlyList<Hash32> TxIds)>();
        await foreach (var daBlock in layer.ReadFromAsync(1, celestia.Head))
        {
            var (block, _) = DaPayload.Decode(daBlock.Bytes.Span);
            onDa.Add((block.Height, block.Hash, block.Transactions.Select(t => t.TxId).ToArray()));
        }

        onDa.Select(b => b.Height).ShouldBe(Enumerable.Range(0, onDa.Count).Select(h => (ulong)h), "posted strictly in order, none missing");
        onDa.Count.ShouldBeGreaterThan((int)tip);
        foreach (var (height, hash, _) in onDa.Where(b => b.Height <= tip))
        {
            (await node.Ledger.GetBlockAsync(height))!.Hash.ShouldBe(hash);
        }

        onDa.SelectMany(b => b.TxIds).ShouldBe(submitted, ignoreOrder: true);
    }

    [Fact]
    public async Task DaPoster_NodeRefusesTheBlobTransactionAsTooLarge_StopsPostingWithItsCodeAndAlert_NoRetry()
    {
        await using var celestia = await FakeCelestiaNode.StartAsync();
        celestia.MaxTxSize = 1200; // the network's limit is smaller than the operator configured
        var celestiaOptions = celestia.Options();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Fontana:DataAvailability:Layer"] = "celestia",
            ["Fontana:DataAvailability:Celestia:Url"] = celestiaOptions.Url,
            ["Fontana:DataAvailability:Celestia:AuthToken"] = celestiaOptions.AuthToken,
            ["Fontana:DataAvailability:Celestia:NamespaceId"] = celestiaOptions.NamespaceId,
            ["Fontana:DataAvailability:Retry:BaseDelay"] = "00:00:00.010",
            ["Fontana:DataAvailability:Retry:MaxDelay"] = "00:00:00.050",
            ["Fontana:DaPoster:MaxBackoff"] = "00:00:00.100",
        });
        var poster = node.Host.Services.GetRequiredService<Fontana.Node.Hosting.DaPoster>();
        var metrics = node.Host.Services.GetRequiredService<NodeMetrics>();

        await Wait.UntilAsync(() => poster.StoppedCode is not null, what: "posting to stop");

        poster.StoppedCode.ShouldBe("da-too-large");
        metrics.DaAlert.ShouldBe(1);
        celestia.CallCount("blob.Submit").ShouldBe(1, "a size refusal is never retried (each retry would be refused again)");
        await node.Ledger.SealAsync();
        await Wait.UntilAsync(() => metrics.DaBacklog == 2, what: "the backlog to count block 0 and the new block 1");
        celestia.CallCount("blob.Submit").ShouldBe(1);
    }
}
