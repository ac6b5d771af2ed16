using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Subscriptions;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Transports;
using Fontana.Node.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Sdk.Tests.Subscriptions;

/// <summary><see cref="FontanaReceipts"/> and the transaction / address streams against a real node paid through a
/// real provider.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReceiptsAndActivityTests
{
    [Fact]
    public async Task Receipts_PaidCall_WaitForFinalVerifiedAndStreamsFollowTheTransaction()
    {
        var wallet = PrivateKey.Generate();
        var address = new Address(wallet.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(1))]);
        using var node = new FontanaClient(new WebSocketNodeTransport(chain.BaseAddress), ownsTransport: true);
        using var http2 = new FontanaClient(chain.BaseAddress);
        var subscriptions = new FontanaSubscriptions(node);
        var receipts = new FontanaReceipts(http2);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var activity = new List<AddressActivity>();
        var sealedActivity = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = Task.Run(async () =>
        {
            await foreach (var change in subscriptions.AddressAsync(address, stop.Token))
            {
                lock (activity)
                {
                    activity.Add(change);
                }

                if (change.Status == "sealed")
                {
                    sealedActivity.TrySetResult();
                }
            }
        }, stop.Token);
        var hub = chain.App.Services.GetRequiredService<StreamHub>();
        await Eventually.TrueAsync(() => hub.HasAddressSubscribers, TimeSpan.FromSeconds(60), "the address subscription reaches the node");

        using var payer = chain.CreatePayer(wallet);
        using var http = LiveChain.PayingClient(payer);
        using var response = await http.GetAsync(chain.Url("paid"), stop.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paid = response.GetFontanaReceipt()!;

        (await receipts.VerifyAsync(paid.Receipt!, stop.Token)).ShouldBeTrue();
        (await receipts.GetAsync(paid.TxId, stop.Token)).Status.ShouldBe("pending");
        (await receipts.GetVerifiedFinalAsync(paid.TxId, stop.Token)).ShouldBeNull();

        await using var statuses = subscriptions.TransactionAsync(paid.TxId, stop.Token).GetAsyncEnumerator(stop.Token);
        (await statuses.MoveNextAsync()).ShouldBeTrue();
        statuses.Current.Status.ShouldBe("pending");
        var waiting = receipts.WaitForFinalAsync(paid.TxId, TimeSpan.FromSeconds(90), stop.Token);
        var sealedStatus = statuses.MoveNextAsync().AsTask();
        await chain.Ledger.SealAsync();

        var final = await waiting;
        final.Receipt.TxId.ShouldBe(paid.TxId.ToString());
        (await receipts.VerifyAsync(final, paid.TxId, stop.Token)).Height.ShouldBe(final.BlockHeight);
        (await sealedStatus).ShouldBeTrue();
        statuses.Current.Status.ShouldBe("sealed");
        statuses.Current.BlockHeight.ShouldBe(final.BlockHeight);
        await sealedActivity.Task.WaitAsync(stop.Token);
        lock (activity)
        {
            // "pending" is published where the node applies a submission; a provider settling in process may not: seen
            // or not, nothing is repeated and the last is "sealed".
            activity.ShouldAllBe(a => a.TxId == paid.TxId);
            activity.Select(a => a.Status).Distinct().Count().ShouldBe(activity.Count);
            activity[^1].ShouldBe(new AddressActivity(address, paid.TxId, "sealed", final.BlockHeight));
        }

        var forged = final with { Proof = final.Proof with { Proof = Convert.ToBase64String(new byte[40]) } };
        (await Should.ThrowAsync<ReceiptVerificationException>(() => receipts.VerifyAsync(forged, paid.TxId, stop.Token))).Code.ShouldBe("bad-tx-proof");
        var untrusting = new FontanaReceipts(node, new ChainTrust(LiveChain.ChainId, PrivateKey.Generate().PublicKey));
        (await untrusting.VerifyAsync(paid.Receipt!, stop.Token)).ShouldBeFalse();
        (await Should.ThrowAsync<ReceiptVerificationException>(() => untrusting.GetVerifiedFinalAsync(paid.TxId, stop.Token))).Code.ShouldBe("bad-receipt-signature");
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => watching);
    }

    [Fact]
    public async Task WaitForFinalAsync_NeverSealed_TimeoutException()
    {
        await using var chain = await LiveChain.StartAsync([]);
        using var node = new FontanaClient(chain.BaseAddress);

        // The one test of the timeout: nothing is ever sealed here.
        await Should.ThrowAsync<TimeoutException>(() => new FontanaReceipts(node).WaitForFinalAsync(Hash32.Compute([7]), TimeSpan.FromMilliseconds(500)));
    }
}
