using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Transports;
using Xunit.Abstractions;

namespace Fontana.Sdk.Tests.Networks;

/// <summary>
/// Failover over a real network of one sequencer and two real follower nodes (each its own store, syncing from the
/// sequencer and its DA, forwarding submissions): a follower killed in the middle of 2,000 paid calls costs no call;
/// it gets traffic again when it is back; reads of pending state go to the sequencer; a submission whose answer was lost
/// is looked up by txid, never sent blindly to another node; a resubmitted accepted transaction gets the same receipt.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class FollowerFailoverTests(ITestOutputHelper output)
{
    private static readonly FailoverOptions FastHealth = new()
    {
        HealthCheckInterval = TimeSpan.FromMilliseconds(200),
        HealthHalfLife = TimeSpan.FromSeconds(2),
        BreakDuration = TimeSpan.FromMilliseconds(500),
    };

    [Fact]
    public async Task PaidCalls_SequencerAndTwoFollowers_FollowerKilledMidRun_ZeroFailedCallsAndTrafficReturns()
    {
        const int calls = 2_000;
        using var key = PrivateKey.Generate();
        await using var chain = await LiveChain.StartAsync([new(new Address(key.PublicKey), Amount.FromTia(10))], blockInterval: TimeSpan.FromSeconds(1));
        await using var f1 = await FollowerNode.StartAsync(chain);
        await using var f2 = await FollowerNode.StartAsync(chain);
        await WaitReadyAsync(f1.BaseAddress);
        await WaitReadyAsync(f2.BaseAddress);
        var failover = new FailoverNodeTransport(
            [new HttpNodeTransport(chain.BaseAddress), new HttpNodeTransport(f1.BaseAddress), new HttpNodeTransport(f2.BaseAddress)], FastHealth);
        using var client = new FontanaClient(failover, ownsTransport: true);
        using var payer = new FontanaPayer(client, new FontanaPayerOptions { SigningKey = key, UseStream = false, RefreshInterval = TimeSpan.FromMilliseconds(50) });
        using var http = LiveChain.PayingClient(payer);

        // An application also reading headers through the same client: reads any node may serve.
        using var stopReading = new CancellationTokenSource();
        long reads = 0, failedReads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested)
            {
                try
                {
                    await client.GetTipHeaderAsync(stopReading.Token);
                    Interlocked.Increment(ref reads);
                }
                catch (OperationCanceledException) when (stopReading.IsCancellationRequested)
                {
                }
                catch (FontanaApiException ex)
                {
                    output.WriteLine("read failed: " + ex.Message);
                    Interlocked.Increment(ref failedReads);
                }
            }
        });

        var failed = await KilledMidRunCalls.RunAsync(http, chain.Url("paid"), calls, () => f1.KillAsync(), output);
        var servedByF1 = f1.ApiRequests;
        output.WriteLine($"paid {calls}, failed {failed}, splits {payer.SplitCount}, header reads {Interlocked.Read(ref reads)} ({Interlocked.Read(ref failedReads)} failed); " +
            $"follower 1 served {servedByF1} (forwarded {f1.Submissions} submissions) before its kill, follower 2 {f2.ApiRequests} ({f2.Submissions}); nodes: " +
            string.Join(" / ", failover.Nodes.Select(n => $"{n.Role} {n.Health.Successes} ok {n.Health.Failures} failed")));

        failed.ShouldBe(0);
        payer.PaymentCount.ShouldBe(calls);
        chain.InputSpentRejections.ShouldBe(0);
        servedByF1.ShouldBeGreaterThan(0, "follower 1 took part before it was killed");
        failover.Nodes.Select(n => n.Role).ShouldBe([NodeRole.Sequencer, NodeRole.Follower, NodeRole.Follower]);

        await f1.RestartAsync();
        var before = f1.ApiRequests;
        await Eventually.TrueAsync(() => f1.ApiRequests > before + 10, TimeSpan.FromSeconds(60), "follower 1 back: requests go to it again");
        await stopReading.CancelAsync();
        await reader;
        output.WriteLine($"follower 1 served {f1.ApiRequests - before} requests after its restart");
        Interlocked.Read(ref failedReads).ShouldBe(0);
    }

    [Fact]
    public async Task Reads_PendingStateToTheSequencer_OtherReadsToAnyNode()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(1))]);
        await using var f1 = await FollowerNode.StartAsync(chain);
        await using var f2 = await FollowerNode.StartAsync(chain);
        await WaitReadyAsync(f1.BaseAddress);
        await WaitReadyAsync(f2.BaseAddress);
        using var client = new FontanaClient(
            new FailoverNodeTransport([new HttpNodeTransport(f1.BaseAddress), new HttpNodeTransport(f2.BaseAddress), new HttpNodeTransport(chain.BaseAddress)],
                new FailoverOptions { HealthCheckInterval = TimeSpan.Zero }),
            ownsTransport: true);

        // Accepted, not sealed (the block interval is an hour): only the sequencer lists the new output.
        var listed = await client.GetUtxosAsync(address);
        var tx = new TransactionBuilder(LiveChain.ChainId).AddInput(OutPoint.Parse(listed.Utxos[0].OutPoint))
            .AddOutput(address, Amount.FromTia(1) - LiveChain.MinFee).WithFee(LiveChain.MinFee).Sign(key);
        await client.SubmitTransactionAsync(TransactionCodec.Encode(tx));
        var followerReads = f1.ApiRequests + f2.ApiRequests;
        for (var i = 0; i < 20; i++)
        {
            (await client.GetUtxosAsync(address)).Utxos.Single().OutPoint.ShouldBe(new OutPoint(tx.TxId, 0).ToString());
            (await client.GetTransactionAsync(tx.TxId)).Status.ShouldBe("pending");
        }

        (f1.ApiRequests + f2.ApiRequests).ShouldBe(followerReads, "reads of pending state went to the sequencer only");
        for (var i = 0; i < 40; i++)
        {
            await client.GetTipHeaderAsync();
        }

        (f1.ApiRequests + f2.ApiRequests).ShouldBeGreaterThan(followerReads, "header reads spread over the followers too");
    }

    [Fact]
    public async Task Submit_AnswerLostAfterTheNodeAccepted_NextNodeAskedForTheTxid_NotSubmittedTwice()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(1))]);
        await using var lossy = await NodeProxy.StartAsync(chain.BaseAddress, loseSubmissionAnswers: true);
        await using var honest = await NodeProxy.StartAsync(chain.BaseAddress, loseSubmissionAnswers: false);
        using var client = new FontanaClient(
            new FailoverNodeTransport(
                [new WeightedNodeTransport(new HttpNodeTransport(lossy.BaseAddress), 1e6), new WeightedNodeTransport(new HttpNodeTransport(honest.BaseAddress), 1e-6)],
                new FailoverOptions { HealthCheckInterval = TimeSpan.Zero }),
            ownsTransport: true);
        var utxo = OutPoint.Parse((await chain.Ledger.GetUtxosAsync(address)).Single().OutPoint.ToString());
        var tx = new TransactionBuilder(LiveChain.ChainId).AddInput(utxo).AddOutput(address, Amount.FromTia(1) - LiveChain.MinFee).WithFee(LiveChain.MinFee).Sign(key);

        var receipt = await client.SubmitTransactionAsync(TransactionCodec.Encode(tx));

        receipt.TxId.ShouldBe(tx.TxId.ToString());
        lossy.Submissions.ShouldBe(1);
        honest.Submissions.ShouldBe(0, "the second node was asked for the txid, not sent the transaction again");
        honest.StatusReads.ShouldBe(1);
        (await chain.Ledger.GetBalanceAsync(address)).ShouldBe(Amount.FromTia(1) - LiveChain.MinFee);
    }

    [Fact]
    public async Task Submit_AcceptedTransactionAgainThroughAFollower_PendingAndSealed_SameReceipt()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], blockInterval: TimeSpan.FromMilliseconds(500));
        await using var follower = await FollowerNode.StartAsync(chain);
        await WaitReadyAsync(follower.BaseAddress);
        using var sequencer = new FontanaClient(chain.BaseAddress);
        using var viaFollower = new FontanaClient(follower.BaseAddress);
        var utxo = OutPoint.Parse((await sequencer.GetUtxosAsync(address)).Utxos[0].OutPoint);
        var tx = new TransactionBuilder(LiveChain.ChainId).AddInput(utxo).AddOutput(address, Amount.FromTia(1) - LiveChain.MinFee).WithFee(LiveChain.MinFee).Sign(key);
        var bytes = TransactionCodec.Encode(tx);

        var first = await sequencer.SubmitTransactionAsync(bytes);
        var again = await viaFollower.SubmitTransactionAsync(bytes);
        await sequencer.WaitForFinalReceiptAsync(tx.TxId, TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => FollowerHas(viaFollower, tx.TxId), TimeSpan.FromSeconds(60), "the follower synced the block");
        var afterSealing = await viaFollower.SubmitTransactionAsync(bytes);

        again.ShouldBe(first);
        afterSealing.ShouldBe(first);
        follower.Submissions.ShouldBe(2);
        (await sequencer.GetBalanceAsync(address)).Balance.ShouldBe((Amount.FromTia(1) - LiveChain.MinFee).Utia.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool FollowerHas(FontanaClient follower, Hash32 txId)
    {
        try
        {
            return follower.GetTransactionAsync(txId).GetAwaiter().GetResult().Status != "pending";
        }
        catch (FontanaNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Until the node answers <c>/health/ready</c> with 200 (bounded: 60 s).</summary>
    private static async Task WaitReadyAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node };
        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                using var answer = await http.GetAsync("health/ready");
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (TimeProvider.System.GetElapsedTime(start) > TimeSpan.FromSeconds(60))
            {
                throw new Xunit.Sdk.XunitException($"{node} was not ready within 60 s");
            }

            await Task.Delay(50);
        }
    }
}
