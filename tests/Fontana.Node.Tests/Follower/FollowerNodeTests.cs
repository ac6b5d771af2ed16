using System.Net;
using System.Net.Http.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Errors;
using Fontana.Core.Merkle;
using Fontana.Ledger;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Follower;

/// <summary>Follower nodes on real Kestrel: a sequencer and two followers that sync from the sequencer's local DA
/// (read-only) and from its HTTP API and stream, verify every block, serve the read API and forward submissions.</summary>
public sealed class FollowerNodeTests
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SequencerAndTwoFollowers_Transfers_FollowersServeTheSameBlocksAndVerifiableProofs_RestartedFollowerCatchesUp()
    {
        using var dirs = new TempDir();
        await using var sequencer = await TestNode.StartAsync();
        var daDir = sequencer.Dir.Combine("da");
        var follower1 = await TestFollower.StartAsync(sequencer.Host.BaseAddress, dirs.Combine("f1"), daDir);
        var follower2 = await TestFollower.StartAsync(sequencer.Host.BaseAddress, dirs.Combine("f2"), daDir);
        try
        {
            using var recipientKey = PrivateKey.Generate();
            var recipient = new Address(recipientKey.PublicKey);
            var txs = new List<Fontana.Core.Transactions.Transaction>();
            for (var i = 0; i < 2; i++)
            {
                // Submitted to a follower: forwarded to the sequencer, whose receipt comes back unchanged.
                var tx = sequencer.Transfer(i, recipient, Amount.FromTia(1));
                var answer = await (i == 0 ? follower1 : follower2).Http.PostAsJsonAsync("v1/transactions",
                    new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest);
                answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
                (await answer.Content.ReadFromJsonAsync(ApiJsonContext.Default.ReceiptDto))!.TxId.ShouldBe(tx.TxId.ToString());
                txs.Add(tx);
                await sequencer.Ledger.SealAsync();
            }

            // A rejection is the sequencer's own problem answer, relayed.
            var replay = await follower1.Http.PostAsJsonAsync("v1/transactions",
                new SubmitTransactionRequest(TestNode.Base64(sequencer.Transfer(0, recipient, Amount.FromTia(2)))), ApiJsonContext.Default.SubmitTransactionRequest);
            await replay.ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.InputSpent);

            await sequencer.Ledger.SealAsync(); // an empty block too
            await WaitSyncedAndPostedAsync(sequencer, follower1, follower2);
            await ShouldAgreeOnEveryBlockAsync(sequencer, follower1, follower2);

            foreach (var tx in txs)
            {
                var proof = await follower2.Http.GetFromJsonAsync($"v1/transactions/{tx.TxId}/proof", ApiJsonContext.Default.TxProofDto);
                MerkleInclusionProof.Decode(Convert.FromBase64String(proof!.Proof)).Verify(tx.TxId, Hash32.Parse(proof.TxRoot)).ShouldBeTrue();
                var header = await follower2.Http.GetFromJsonAsync($"v1/headers/{proof.BlockHeight}", ApiJsonContext.Default.HeaderDto);
                header!.TxRoot.ShouldBe(proof.TxRoot);
                var status = await follower1.Http.GetFromJsonAsync($"v1/transactions/{tx.TxId}", ApiJsonContext.Default.TransactionStatusDto);
                status!.Status.ShouldBe("posted", "the block came from DA too: its DA reference is recorded");
            }

            var utxoProof = await follower1.Http.GetFromJsonAsync($"v1/utxos/{txs[0].TxId}:0/proof", ApiJsonContext.Default.UtxoProofDto);
            utxoProof!.Included.ShouldBeTrue();
            utxoProof.StateRoot.ShouldBe(sequencer.Ledger.LatestHeader.StateRoot.ToString());
            SmtProof.Decode(Convert.FromBase64String(utxoProof.Proof))
                .Verify(Hash32.Parse(utxoProof.StateRoot), Hash32.Parse(utxoProof.StateKey), Hash32.Parse(utxoProof.Value!)).ShouldBeTrue();
            foreach (var node in new[] { sequencer.Http, follower1.Http, follower2.Http })
            {
                var balance = await node.GetFromJsonAsync($"v1/addresses/{recipient}/balance", ApiJsonContext.Default.BalanceDto);
                balance!.Balance.ShouldBe("2000000");
                (await node.GetFromJsonAsync($"v1/addresses/{recipient}/utxos", ApiJsonContext.Default.AddressUtxosDto))!.Utxos.Count.ShouldBe(2);
            }

            // Kill a follower; the chain moves on; the restarted follower catches up from its own store.
            await follower2.DisposeAsync();
            var heightAtKill = sequencer.Ledger.LatestHeader.Height;
            (await sequencer.Ledger.ApplyAsync(sequencer.Transfer(2, recipient, Amount.FromTia(3)))).IsAccepted.ShouldBeTrue();
            await sequencer.Ledger.SealAsync();
            await sequencer.Ledger.SealAsync();
            follower2 = await TestFollower.StartAsync(sequencer.Host.BaseAddress, dirs.Combine("f2"), daDir);
            (await follower2.TipAsync()).Height.ShouldBeGreaterThanOrEqualTo(heightAtKill, "the restarted follower opens its own store");
            await WaitSyncedAndPostedAsync(sequencer, follower1, follower2);
            await ShouldAgreeOnEveryBlockAsync(sequencer, follower1, follower2);
            follower1.Status.Halt.ShouldBeNull();
            follower2.Status.Halt.ShouldBeNull();
            (await follower2.Http.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await follower1.DisposeAsync();
            await follower2.DisposeAsync();
        }
    }

    [Fact]
    public async Task Follower_SequencerGone_ServesReadsFromItsStoreAndDa_SubmissionsAnswerSequencerUnavailable()
    {
        using var dirs = new TempDir();
        using var sequencerDir = new TempDir();
        TestFollower follower;
        ulong tip;
        await using (var sequencer = await TestNode.StartAsync(dir: sequencerDir))
        {
            follower = await TestFollower.StartAsync(sequencer.Host.BaseAddress, dirs.Combine("f"), sequencerDir.Combine("da"));
            await sequencer.Ledger.SealAsync();
            await WaitSyncedAndPostedAsync(sequencer, follower);
            tip = sequencer.Ledger.LatestHeader.Height;
        }

        await using (follower)
        {
            // The node's graceful stop sealed and posted one more block: the follower reads it from DA alone.
            await Wait.UntilAsync(async () => (await follower.TipAsync()).Height > tip, SyncTimeout, "the final block, from DA");
            var submit = await follower.Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest("AAAA"), ApiJsonContext.Default.SubmitTransactionRequest);
            await submit.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.SequencerUnavailable);
            (await follower.Http.GetAsync("v1/blocks/latest")).StatusCode.ShouldBe(HttpStatusCode.OK);
            follower.Status.Halt.ShouldBeNull();
        }
    }

    [Fact]
    public async Task Follower_NoSequencerUrl_FailsAtStartNamingTheKey()
    {
        using var dir = new TempDir();
        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestFollower.StartAsync(new Uri("http://127.0.0.1:9/"), dir.Path, null, new Dictionary<string, string?> { ["Fontana:Follower:SequencerUrl"] = "ftp://x" }));
        failure.Message.ShouldContain("Fontana:Follower:SequencerUrl");
    }

    internal static async Task WaitSyncedAndPostedAsync(TestNode sequencer, params TestFollower[] followers)
    {
        var tip = sequencer.Ledger.LatestHeader;
        await WaitSequencerPostedAsync(sequencer);
        foreach (var follower in followers)
        {
            await Wait.UntilAsync(async () => (await follower.Node.Ledger.GetBlockAsync(tip.Height))?.Status == BlockStatus.Posted,
                SyncTimeout, $"a follower holds block {tip.Height} with its DA reference");
        }
    }

    internal static async Task WaitSequencerPostedAsync(TestNode sequencer)
    {
        var tip = sequencer.Ledger.LatestHeader;
        await Wait.UntilAsync(async () => (await sequencer.Ledger.GetBlockAsync(tip.Height))?.Status == BlockStatus.Posted, SyncTimeout, "the sequencer posted its tip");
    }

    private static async Task ShouldAgreeOnEveryBlockAsync(TestNode sequencer, params TestFollower[] followers)
    {
        var tip = sequencer.Ledger.LatestHeader.Height;
        for (ulong height = 0; height <= tip; height++)
        {
            var expected = await sequencer.Http.GetFromJsonAsync($"v1/blocks/{height}", ApiJsonContext.Default.BlockDto);
            foreach (var follower in followers)
            {
                var block = await follower.Http.GetFromJsonAsync($"v1/blocks/{height}", ApiJsonContext.Default.BlockDto);
                block!.Header.Hash.ShouldBe(expected!.Header.Hash, $"block {height}");
                block.Header.StateRoot.ShouldBe(expected.Header.StateRoot);
                block.Header.TxRoot.ShouldBe(expected.Header.TxRoot);
                block.TxIds.ShouldBe(expected.TxIds);
                block.DaReference.ShouldBe(expected.DaReference);
            }
        }
    }
}
