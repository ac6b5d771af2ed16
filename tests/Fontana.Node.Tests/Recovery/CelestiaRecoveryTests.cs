using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Tests.Support;
using Fontana.Ledger;
using Fontana.Node.Recovery;
using Fontana.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.Node.Tests.Recovery;

/// <summary>Recovery from the realistic celestia-node fake: header gaps and syncing are retried per height, a pruned
/// height stops with an error naming it, and a recovery that stopped resumes from its checkpoint.</summary>
public sealed class CelestiaRecoveryTests
{
    [Fact]
    public async Task Recover_AcrossHeaderGapSyncingAndPrunedErrors_ResumesFromCheckpoint_SameStateRoot()
    {
        await using var celestia = await FakeCelestiaNode.StartAsync();
        var (tip, stateRoot) = await RunChainAsync(celestia);
        using var http = new HttpClient();
        var options = celestia.Options();
        options.ScanConcurrency = 1;
        options.ScanAttemptsPerHeight = 4;
        options.ScanRetryDelay = TimeSpan.FromMilliseconds(1);
        var da = new CelestiaDataAvailability(http, options);
        using var target = new TempDir();

        // 1. A pruned node: the error names the Celestia height and says what is needed.
        celestia.Tail = 105;
        var pruned = await Should.ThrowAsync<RecoveryException>(() => RecoverAsync(da, target, from: 101));
        pruned.Code.ShouldBe("da-pruned");
        pruned.Message.ShouldContain("Celestia height 101 is pruned");
        pruned.Message.ShouldContain("archival node");
        celestia.Tail = 1;

        // 2. A header gap and a syncing answer are retried per height, never read as "no blob".
        celestia.FailMethod("blob.GetAll", 2, "header: not found");
        celestia.FailMethod("blob.GetAll", 1, "header: syncing in progress: localHeadHeight: 101, requestedHeight: 102");
        RecoveryResult whole;
        using (var wholeDir = new TempDir())
        {
            whole = await RecoverAsync(da, wholeDir, from: 101);
        }

        whole.Height.ShouldBeGreaterThanOrEqualTo(tip, "the node's graceful stop may seal and post one more block");
        if (whole.Height == tip)
        {
            whole.StateRoot.ShouldBe(stateRoot);
        }

        // 3. An error that outlasts a height's attempts stops recovery naming the height, after a checkpoint of what
        //    was applied; the same command then resumes from the checkpoint. (Recovery reads up to two blocks ahead of
        //    the last completed one, so the failure is injected after the first completed block: the next DA heights
        //    are still to be read on this short chain.)
        var applied = 0;
        var stopped = await Should.ThrowAsync<RecoveryException>(() => RecoverAsync(da, target, from: 101, onBlock: _ =>
        {
            if (++applied == 1)
            {
                celestia.FailMethod("blob.GetAll", options.ScanAttemptsPerHeight, "header: not found");
            }
        }));
        stopped.Code.ShouldBe("da-rpc-error");
        stopped.Message.ShouldContain("Celestia height");
        stopped.Message.ShouldContain("resume");
        File.Exists(target.Combine(RecoveryCheckpoint.FileName)).ShouldBeTrue();

        var resumed = await RecoverAsync(da, target, from: null);
        resumed.Height.ShouldBe(whole.Height);
        resumed.BlockHash.ShouldBe(whole.BlockHash);
        resumed.StateRoot.ShouldBe(whole.StateRoot);
        resumed.Blocks.ShouldBeLessThan(whole.Blocks, "blocks applied before the stop are not replayed");
        celestia.Violations.ShouldBeEmpty();
    }

    private static async Task<(ulong Tip, Hash32 StateRoot)> RunChainAsync(FakeCelestiaNode celestia)
    {
        var options = celestia.Options();
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?>
        {
            ["Fontana:DataAvailability:Layer"] = "celestia",
            ["Fontana:DataAvailability:Celestia:Url"] = options.Url,
            ["Fontana:DataAvailability:Celestia:AuthToken"] = options.AuthToken,
            ["Fontana:DataAvailability:Celestia:NamespaceId"] = options.NamespaceId,
        });
        using var other = PrivateKey.Generate();
        for (var i = 0; i < TestNode.AllocationCount; i++)
        {
            (await node.Ledger.ApplyAsync(node.Transfer(i, new Address(other.PublicKey), Amount.FromTia(1)))).IsAccepted.ShouldBeTrue();
            await node.Ledger.SealAsync();
        }

        var tip = node.Ledger.LatestHeader;
        await Wait.UntilAsync(async () => (await node.Ledger.GetBlockAsync(tip.Height))?.Status == BlockStatus.Posted, what: "all blocks posted");
        return (tip.Height, tip.StateRoot);
    }

    private static Task<RecoveryResult> RecoverAsync(CelestiaDataAvailability da, TempDir target, ulong? from, Action<ulong>? onBlock = null) =>
        new ChainRecovery(da, NullLogger.Instance).RecoverAsync(new LedgerOptions { SqlitePath = target.Combine("ledger.db") }, from, target.Path,
            onBlock is null ? null : new SyncProgress(onBlock), CancellationToken.None);

    private sealed class SyncProgress(Action<ulong> report) : IProgress<ulong>
    {
        public void Report(ulong value) => report(value);
    }
}
