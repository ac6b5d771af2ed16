using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Networks;

/// <summary><c>client.Receipts</c> and <c>client.Subscriptions</c> of a <see cref="FontanaNetworkClient"/> over two real
/// chains: each network's receipts verify against its own chain and sequencer, never the other's; headers and statuses
/// stream per network; a pinned key and a node of another chain are honoured.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class NetworkReceiptsTests
{
    private static readonly TimeSpan Blocks = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Receipts_TwoChains_EachVerifiesAgainstItsOwnNetworkOnly()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var alpha = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "alpha-net", Blocks);
        await using var beta = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "beta-net", Blocks);
        using var client = new FontanaNetworkClient(MultiNetworkTests.Options(key, ("alpha", alpha), ("beta", beta)));

        using var onAlpha = await client.CallPaidApiAsync(alpha.Url("paid"));
        using var onBeta = await client.CallPaidApiAsync(beta.Url("paid"));
        var alphaPayment = onAlpha.GetFontanaReceipt()!;
        var betaPayment = onBeta.GetFontanaReceipt()!;
        var alphaTx = alphaPayment.TxId;

        (await client.Receipts.VerifyPaymentAsync(alphaPayment)).ShouldBeTrue();
        (await client.Receipts.VerifyPaymentAsync(betaPayment)).ShouldBeTrue("verified on the network it was paid on");
        (await client.Receipts.VerifyAsync(alphaPayment.Receipt!)).ShouldBeTrue("alpha is the default network");
        (await client.Receipts.VerifyAsync(betaPayment.Receipt!, "fontana:beta-net")).ShouldBeTrue();
        (await client.Receipts.VerifyAsync(betaPayment.Receipt!, "alpha")).ShouldBeFalse("beta's receipt is not signed by alpha's sequencer");
        (await client.Receipts.VerifyPaymentAsync(alphaPayment with { TxId = betaPayment.TxId })).ShouldBeFalse("the receipt is for another transaction");
        (await client.Receipts.GetAsync(alphaTx)).TxId.ShouldBe(alphaTx.ToString());
        await Should.ThrowAsync<FontanaNotFoundException>(() => client.Receipts.GetAsync(alphaTx, "beta"));

        var final = await client.Receipts.WaitForFinalAsync(alphaTx, TimeSpan.FromSeconds(30));
        var header = await client.Receipts.VerifyFinalAsync(final, alphaTx, "alpha");
        header.ChainId.ShouldBe("alpha-net");
        await Should.ThrowAsync<ReceiptVerificationException>(() => client.Receipts.VerifyFinalAsync(final, alphaTx, "beta"));
        (await client.Receipts.GetVerifiedFinalAsync(alphaTx)).ShouldNotBeNull();
        (await client.Receipts.WaitForPaymentFinalAsync(betaPayment, TimeSpan.FromSeconds(30))).ShouldNotBeNull();
        await Should.ThrowAsync<FontanaPaymentException>(() => client.Receipts.GetAsync(alphaTx, "gamma"));
    }

    [Fact]
    public async Task Subscriptions_PerNetwork_HeadersOfThatChainAndTheWalletsActivity()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var alpha = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "alpha-net", Blocks);
        await using var beta = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "beta-net", Blocks);
        using var client = new FontanaNetworkClient(MultiNetworkTests.Options(key, ("alpha", alpha), ("beta", beta)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var headers = new List<Core.Blocks.BlockHeader>();
        await foreach (var header in client.Subscriptions.HeadersAsync(network: "beta", cancellationToken: timeout.Token))
        {
            headers.Add(header);
            if (headers.Count == 3)
            {
                break;
            }
        }

        headers.ShouldAllBe(h => h.ChainId == "beta-net");
        headers[1].Height.ShouldBe(headers[0].Height + 1);
        headers[2].Height.ShouldBe(headers[1].Height + 1);

        var txId = await PayOnceSeenByTheSubscriptionAsync(client, alpha, address);

        var statuses = new List<string>();
        await foreach (var update in client.Subscriptions.TransactionAsync(txId, "alpha", timeout.Token))
        {
            statuses.Add(update.Status);
        }

        statuses.ShouldContain("posted");
    }

    /// <summary>
    /// "From now on" starts when the node confirms the subscription (<c>onSubscribed</c>): subscribes to the wallet's
    /// activity on alpha, waits for that, pays once, and returns the payment's txid once the subscription has delivered it
    /// (after the payer's own coin split, if it made one first). No re-paying, no pause.
    /// </summary>
    private static async Task<Hash32> PayOnceSeenByTheSubscriptionAsync(FontanaNetworkClient client, LiveChain alpha, Address address)
    {
        var limit = TimeSpan.FromSeconds(30);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var activity = client.Subscriptions.AddressAsync(network: "alpha", onSubscribed: () => subscribed.TrySetResult(), cancellationToken: stop.Token)
            .GetAsyncEnumerator(stop.Token);
        var next = activity.MoveNextAsync().AsTask();
        try
        {
            (await Task.WhenAny(subscribed.Task, next, Task.Delay(limit))).ShouldBe(subscribed.Task, "the node confirms the subscription");
            using var paid = await client.CallPaidApiAsync(alpha.Url("paid"));
            paid.StatusCode.ShouldBe(HttpStatusCode.OK);
            var txId = paid.GetFontanaReceipt()!.TxId;
            var seen = new List<Hash32>();
            while (true)
            {
                (await Task.WhenAny(next, Task.Delay(limit))).ShouldBe(next, $"the subscription delivers payment {txId}; it delivered [{string.Join(", ", seen)}]");
                (await next).ShouldBeTrue();
                activity.Current.Address.ShouldBe(address);
                seen.Add(activity.Current.TxId);
                if (activity.Current.TxId == txId)
                {
                    return txId;
                }

                next = activity.MoveNextAsync().AsTask();
            }
        }
        finally
        {
            await stop.CancelAsync();
            await next.ContinueWith(static _ => { }, TaskScheduler.Default); // the pending MoveNext ends before disposal
            await activity.DisposeAsync();
        }
    }

    [Fact]
    public async Task Receipts_PinnedSequencerKey_ReceiptsOfAnyOtherKeyAreRefused()
    {
        using var key = PrivateKey.Generate();
        using var stranger = PrivateKey.Generate();
        await using var alpha = await LiveChain.StartAsync([new(new Address(key.PublicKey), Amount.FromTia(1))], "alpha-net");
        var options = MultiNetworkTests.Options(key, ("alpha", alpha));
        options.Networks["alpha"].SequencerPublicKey = stranger.PublicKey.ToString();
        using var client = new FontanaNetworkClient(options);

        using var paid = await client.CallPaidApiAsync(alpha.Url("paid"));

        (await client.Receipts.VerifyAsync(paid.GetFontanaReceipt()!.Receipt!)).ShouldBeFalse("the node's sequencer is not the pinned key");
        (await client.Receipts.For().GetTrustAsync()).SequencerKey.ShouldBe(stranger.PublicKey);
    }

    [Fact]
    public async Task Receipts_NodeOfAnotherChain_NetworkMismatchNotTrusted()
    {
        using var key = PrivateKey.Generate();
        await using var alpha = await LiveChain.StartAsync([], "alpha-net");
        var options = MultiNetworkTests.Options(key, ("alpha", alpha));
        options.Networks["alpha"].ChainId = "other-net";
        using var client = new FontanaNetworkClient(options);
        var receipt = new Core.Api.ReceiptDto(new string('0', 64), 1, 1, new string('0', 128));

        var error = await Should.ThrowAsync<FontanaApiException>(() => client.Receipts.VerifyAsync(receipt));

        error.Code.ShouldBe("network-mismatch");
        error.Message.ShouldContain("alpha-net");
        error.Message.ShouldContain("other-net");
    }
}
