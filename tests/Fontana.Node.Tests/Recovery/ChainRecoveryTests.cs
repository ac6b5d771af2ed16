using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.DataAvailability.Local;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Hosting;
using Fontana.Node.Recovery;
using Fontana.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.Node.Tests.Recovery;

public sealed class ChainRecoveryTests
{
    [Fact]
    public async Task Recover_ChainWithTransactions_EveryRootIdentical()
    {
        using var dir = new TempDir();
        var original = await RunChainAsync(dir);
        using var target = new TempDir();

        var result = await RecoverAsync(Path.Combine(dir.Path, "da"), target);

        result.Height.ShouldBe(original[^1].Height);
        result.BlockHash.ShouldBe(original[^1].Hash);
        result.StateRoot.ShouldBe(original[^1].StateRoot);
        result.Transactions.ShouldBe(TestNode.AllocationCount + 1);
        await using var rebuilt = await LedgerHost.OpenAsync(new LedgerOptions { SqlitePath = target.Combine("ledger.db") });
        foreach (var header in original)
        {
            var recovered = await rebuilt.GetHeaderAsync(header.Height);
            recovered!.Hash.ShouldBe(header.Hash);
            recovered.TxRoot.ShouldBe(header.TxRoot);
            recovered.StateRoot.ShouldBe(header.StateRoot);
            (await rebuilt.GetBlockAsync(header.Height))!.Status.ShouldBe(BlockStatus.Posted);
        }

        File.Exists(target.Combine(ChainSetup.GenesisFile)).ShouldBeTrue();
    }

    [Fact]
    public async Task Recover_SignedBlockWithWrongStateRoot_StopsNamingTheHeight()
    {
        using var dir = new TempDir();
        var original = await RunChainAsync(dir);
        using var forged = new TempDir();
        await CopyWithForgedStateRootAsync(dir, forged.Path, height: 2);

        using var target = new TempDir();
        var error = await Should.ThrowAsync<RecoveryException>(() => RecoverAsync(forged.Path, target));

        error.Height.ShouldBe(2UL);
        error.Message.ShouldContain("block 2");
        original.Count.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task Recover_FailingBlockWithTheNextAlreadyInFlight_CheckpointAndStoreStopBeforeIt_ResumeOnGoodDaCompletes()
    {
        // Recovery keeps two blocks in flight: when block 2 fails, block 3 is already queued behind it. Neither the
        // store nor the checkpoint may move past block 1, and resuming against intact DA finishes the chain.
        using var dir = new TempDir();
        var original = await RunChainAsync(dir);
        original.Count.ShouldBeGreaterThan(4);
        using var forged = new TempDir();
        await CopyWithForgedStateRootAsync(dir, forged.Path, height: 2);
        using var target = new TempDir();

        var error = await Should.ThrowAsync<RecoveryException>(() => RecoverAsync(forged.Path, target));

        error.Height.ShouldBe(2UL);
        var checkpoint = RecoveryCheckpoint.TryLoad(target.Path);
        checkpoint.ShouldNotBeNull();
        checkpoint.Height.ShouldBe(1UL);
        checkpoint.BlockHash.ShouldBe(original[1].Hash.ToString());
        await using (var stopped = await LedgerHost.OpenAsync(new LedgerOptions { SqlitePath = target.Combine("ledger.db") }))
        {
            stopped.LatestHeader.Height.ShouldBe(1UL);
        }

        var resumed = await RecoverAsync(Path.Combine(dir.Path, "da"), target);

        resumed.Height.ShouldBe(original[^1].Height);
        resumed.StateRoot.ShouldBe(original[^1].StateRoot);
    }

    [Fact]
    public async Task Recover_AgainIntoItsOwnStore_ResumesFromTheCheckpoint_StoreNotMadeByRecoveryIsRefused()
    {
        using var dir = new TempDir();
        var original = await RunChainAsync(dir);
        using var target = new TempDir();
        await RecoverAsync(Path.Combine(dir.Path, "da"), target);

        var again = await RecoverAsync(Path.Combine(dir.Path, "da"), target);

        again.Height.ShouldBe(original[^1].Height);
        again.StateRoot.ShouldBe(original[^1].StateRoot);
        again.Blocks.ShouldBe(0);
        File.Delete(target.Combine(RecoveryCheckpoint.FileName));
        (await Should.ThrowAsync<RecoveryException>(() => RecoverAsync(Path.Combine(dir.Path, "da"), target))).Code.ShouldBe("store-not-empty");
    }

    [Fact]
    public async Task LocalDa_BitFlippedInAMiddleRecordHeader_NodeStopsPostingWithAlert_RecoverFailsDaCorrupt_FileUnchanged()
    {
        using var dir = new TempDir();
        var original = await RunChainAsync(dir);
        var file = Path.Combine(dir.Path, "da", LocalDataAvailability.FileName);
        var bytes = await File.ReadAllBytesAsync(file);
        long offset = 0;
        for (var record = 0; record < 2; record++)
        {
            offset += LocalRecordFile.RecordHeaderLength + System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)offset + 4));
        }

        bytes[offset + 5] ^= 0x10; // a length bit of block 2's record header; blocks 3.. stay intact after it
        await File.WriteAllBytesAsync(file, bytes);
        original.Count.ShouldBeGreaterThan(4);

        using (var target = new TempDir())
        {
            var error = await Should.ThrowAsync<RecoveryException>(() => RecoverAsync(Path.Combine(dir.Path, "da"), target));
            error.Code.ShouldBe("da-corrupt");
            error.Message.ShouldContain($"offset {offset}");
        }

        (await File.ReadAllBytesAsync(file)).ShouldBe(bytes);

        await using (var node = await TestNode.StartAsync(dir: dir))
        {
            var poster = node.Host.Services.GetRequiredService<DaPoster>();
            var metrics = node.Host.Services.GetRequiredService<NodeMetrics>();
            await Wait.UntilAsync(() => poster.StoppedCode == "da-corrupt" && metrics.DaAlert == 1, what: "posting stopped with the alert");
            var tip = node.Ledger.LatestHeader.Height;
            await node.Ledger.SealAsync();
            await node.Ledger.SealAsync();

            node.Ledger.LatestHeader.Height.ShouldBe(tip + 2, "blocks keep sealing");
            await Wait.UntilAsync(() => metrics.DaBacklog == 2, what: "the backlog to count both new blocks");
            (await node.Ledger.GetBlockAsync(tip + 1))!.Status.ShouldBe(BlockStatus.Sealed);
            (await node.Ledger.GetBlockAsync(2))!.Status.ShouldBe(BlockStatus.Posted, "the reference still holds block 2: nothing was cut");
        }

        (await File.ReadAllBytesAsync(file)).ShouldBe(bytes);
    }

    /// <summary>A node seals blocks with transfers (all posted to local DA), then stops. Returns every header.</summary>
    private static async Task<List<BlockHeader>> RunChainAsync(TempDir dir)
    {
        await using var node = await TestNode.StartAsync(dir: dir);
        using var other = PrivateKey.Generate();
        for (var i = 0; i < TestNode.AllocationCount; i++)
        {
            (await node.Ledger.ApplyAsync(node.Transfer(i, new Address(other.PublicKey), Amount.FromTia(1)))).IsAccepted.ShouldBeTrue();
            await node.Ledger.SealAsync();
        }

        var spend = node.Transfer(new OutPoint((await node.Ledger.GetBlockAsync(1))!.TxIds[0], 1), Amount.FromTia(10) - Amount.FromTia(1) - TestNode.MinFee,
            node.OwnerAddress, Amount.FromTia(2));
        (await node.Ledger.ApplyAsync(spend)).IsAccepted.ShouldBeTrue();
        await node.Ledger.SealAsync();
        await node.Ledger.SealAsync(); // an empty block too
        var tip = node.Ledger.LatestHeader.Height;
        await Wait.UntilAsync(async () => (await node.Ledger.GetBlockAsync(tip))?.Status == BlockStatus.Posted, what: "all blocks posted");
        await node.Host.App.StopAsync(); // graceful: a final block is sealed and posted

        await using var stored = await LedgerHost.OpenAsync(new LedgerOptions { SqlitePath = Path.Combine(dir.Path, "ledger.db") });
        var headers = new List<BlockHeader>();
        for (ulong h = 0; h <= stored.LatestHeader.Height; h++)
        {
            headers.Add((await stored.GetHeaderAsync(h))!);
            (await stored.GetBlockAsync(h))!.Status.ShouldBe(BlockStatus.Posted);
        }

        return headers;
    }

    /// <summary>Copies the chain's DA to <paramref name="forgedDir"/> with block <paramref name="height"/> re-signed by the
    /// sequencer over a wrong state root.</summary>
    private static async Task CopyWithForgedStateRootAsync(TempDir dir, string forgedDir, ulong height)
    {
        using var source = new LocalDataAvailability(Path.Combine(dir.Path, "da"));
        using var copy = new LocalDataAvailability(forgedDir);
        using var sequencer = NodeKeyFile.Load(Path.Combine(dir.Path, ChainSetup.SequencerKeyFile));
        await foreach (var daBlock in source.ReadFromAsync(1))
        {
            var (block, genesis) = DaPayload.Decode(daBlock.Bytes.Span);
            if (block.Height == height)
            {
                var h = block.Header;
                var bad = new BlockHeader(h.Version, h.ChainId, h.Height, h.PreviousHash, h.Timestamp, h.TxCount, h.TxRoot,
                    Hash32.Compute("wrong"u8)).Sign(sequencer);
                block = new Block(bad, block.Transactions);
            }

            await copy.PostAsync(block.Height, DaPayload.Encode(block, genesis));
        }
    }

    private static async Task<RecoveryResult> RecoverAsync(string daDir, TempDir target)
    {
        using var da = LocalDataAvailability.OpenReadOnly(daDir);
        var recovery = new ChainRecovery(da, NullLogger.Instance);
        return await recovery.RecoverAsync(new LedgerOptions { SqlitePath = target.Combine("ledger.db") }, null, target.Path, null, CancellationToken.None);
    }
}
