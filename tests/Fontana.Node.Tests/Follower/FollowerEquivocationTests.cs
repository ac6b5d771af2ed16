using System.Net;
using System.Net.Http.Json;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Errors;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Tests.Support;
using Fontana.Node.Chain;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Follower;

/// <summary>A sequencer that equivocates: a second block at a height the follower holds, signed with the sequencer's
/// key and posted to the chain's Celestia namespace (which anyone, the sequencer included, can write to). The follower
/// must stop syncing with its alert raised: the metric, readiness, and refusal to forward.</summary>
public sealed class FollowerEquivocationTests
{
    [Fact]
    public async Task Follower_BlockAtAHeldHeightSignedByAnotherKey_IsIgnored_SyncGoesOn()
    {
        await using var celestia = await FakeCelestiaNode.StartAsync();
        var options = celestia.Options();
        var (da, followerSettings) = Settings(celestia);
        using var dir = new TempDir();
        await using var sequencer = await TestNode.StartAsync(da);
        await using var follower = await TestFollower.StartAsync(sequencer.Host.BaseAddress, dir.Path, null, followerSettings);
        await sequencer.Ledger.SealAsync();
        await FollowerNodeTests.WaitSyncedAndPostedAsync(sequencer, follower);

        // Anyone can write to the namespace: a block 1 signed by someone else is not the sequencer equivocating.
        var h = (await sequencer.Ledger.GetFullBlockAsync(1))!.Header;
        using var stranger = Fontana.Core.Crypto.PrivateKey.Generate();
        var forged = new BlockHeader(h.Version, h.ChainId, h.Height, h.PreviousHash, h.Timestamp + 1, h.TxCount, h.TxRoot, h.StateRoot).Sign(stranger);
        using (var http = new HttpClient())
        {
            await new CelestiaDataAvailability(http, options).PostAsync(1, DaPayload.Encode(new Block(forged, []), null));
        }

        await sequencer.Ledger.SealAsync();
        await FollowerNodeTests.WaitSyncedAndPostedAsync(sequencer, follower);
        follower.Status.Halt.ShouldBeNull();
        TestMetrics.Observe(follower.Metrics, "fontana_follower_equivocation").ShouldBe(0);
        (await follower.Http.GetAsync("health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Follower_GenesisPinOfAnotherChain_RefusesToStart()
    {
        await using var sequencer = await TestNode.StartAsync();
        using var dir = new TempDir();
        var failure = await Should.ThrowAsync<Fontana.Ledger.LedgerException>(() => TestFollower.StartAsync(sequencer.Host.BaseAddress, dir.Path,
            sequencer.Dir.Combine("da"), new Dictionary<string, string?> { ["Fontana:Follower:GenesisHash"] = new string('a', 64) }));
        failure.Code.ShouldBe(ErrorCodes.GenesisMismatch);
        failure.Message.ShouldContain("Fontana:Follower:GenesisHash");
    }

    [Fact]
    public async Task Follower_SecondSignedBlockAtAHeightOnDa_StopsWithTheEquivocationAlert()
    {
        await using var celestia = await FakeCelestiaNode.StartAsync();
        var options = celestia.Options();
        var (da, followerSettings) = Settings(celestia);
        using var dir = new TempDir();
        await using var sequencer = await TestNode.StartAsync(da);
        await using var follower = await TestFollower.StartAsync(sequencer.Host.BaseAddress, dir.Path, null, followerSettings);
        await sequencer.Ledger.SealAsync();
        await sequencer.Ledger.SealAsync();
        await FollowerNodeTests.WaitSyncedAndPostedAsync(sequencer, follower);
        follower.Status.Halt.ShouldBeNull();

        // The equivocating sequencer: block 1 again, another timestamp, signed with its key, posted to its namespace.
        var held = (await sequencer.Ledger.GetFullBlockAsync(1))!;
        var h = held.Header;
        using var key = NodeKeyFile.Load(sequencer.Dir.Combine("sequencer.key"));
        var forged = new BlockHeader(h.Version, h.ChainId, h.Height, h.PreviousHash, h.Timestamp + 1, h.TxCount, h.TxRoot, h.StateRoot).Sign(key);
        forged.Hash.ShouldNotBe(h.Hash);
        using (var http = new HttpClient())
        {
            await new CelestiaDataAvailability(http, options).PostAsync(1, DaPayload.Encode(new Block(forged, held.Transactions), null));
        }

        await Wait.UntilAsync(() => follower.Status.Halt is not null, TimeSpan.FromSeconds(30), "the follower halts");
        var halt = follower.Status.Halt!;
        halt.Code.ShouldBe(ErrorCodes.Equivocation);
        halt.Height.ShouldBe(1UL);
        halt.HeldHash.ShouldBe(h.Hash);
        halt.OtherHash.ShouldBe(forged.Hash);
        TestMetrics.Observe(follower.Metrics, "fontana_follower_equivocation").ShouldBe(1);
        var ready = await follower.Http.GetAsync("health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("equivocation");
        var metrics = await follower.Http.GetStringAsync("metrics");
        metrics.ShouldContain("fontana_follower_equivocation 1");

        // It stops: new blocks are not applied, submissions are not forwarded, reads still answer.
        var haltedAt = follower.Node.Ledger.LatestHeader.Height;
        await sequencer.Ledger.SealAsync();
        await FollowerNodeTests.WaitSequencerPostedAsync(sequencer);
        await Task.Delay(500); // ten poll intervals: a follower still syncing would have taken the block by now
        follower.Node.Ledger.LatestHeader.Height.ShouldBe(haltedAt);
        var submit = await follower.Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest("AAAA"), ApiJsonContext.Default.SubmitTransactionRequest);
        await submit.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, ErrorCodes.FollowerHalted);
        (await follower.Http.GetAsync("v1/blocks/1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        celestia.Violations.ShouldBeEmpty();
    }

    private static (Dictionary<string, string?> Sequencer, Dictionary<string, string?> Follower) Settings(FakeCelestiaNode celestia)
    {
        var options = celestia.Options();
        var da = new Dictionary<string, string?>
        {
            ["Fontana:DataAvailability:Layer"] = "celestia",
            ["Fontana:DataAvailability:Celestia:Url"] = options.Url,
            ["Fontana:DataAvailability:Celestia:AuthToken"] = options.AuthToken,
            ["Fontana:DataAvailability:Celestia:NamespaceId"] = options.NamespaceId,
        };
        var follower = new Dictionary<string, string?>(da)
        {
            ["Fontana:Follower:DaStartHeight"] = celestia.Head.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return (da, follower);
    }
}
