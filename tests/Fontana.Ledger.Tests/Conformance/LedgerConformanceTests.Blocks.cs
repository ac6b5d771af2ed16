using Fontana.Core;
using Fontana.Core.Merkle;
using Fontana.Ledger.Genesis;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>Sealing, restart, genesis checks, DA status and fail-stop.</summary>
public abstract partial class LedgerConformanceTests
{
    [StoreFact]
    public async Task Seal_EveryIntervalWithAFakeClock_SealsChainedBlocksEmptyOnesIncluded()
    {
        var ledger = await OpenAsync();
        var events = new List<LedgerBlock>();
        ledger.BlockSealed += (_, e) =>
        {
            lock (events)
            {
                events.Add(e.Block);
            }
        };
        var previous = ledger.LatestHeader;
        var sealedBlocks = new List<LedgerBlock>();
        for (var round = 0; round < 5; round++)
        {
            var txIds = new List<Hash32>();
            if (round is 1 or 3)
            {
                var payments = new[] { Chain.Pay(round, 0, Chain.WalletAddress(0), 100), Chain.Pay(round, 1, Chain.WalletAddress(2), 200) };
                foreach (var tx in payments)
                {
                    (await ledger.ApplyAsync(tx)).IsAccepted.ShouldBeTrue();
                    txIds.Add(tx.TxId);
                }
            }

            Time.Advance(Chain.Genesis.BlockInterval);
            var block = await ledger.SealAsync();

            block.Height.ShouldBe(previous.Height + 1);
            block.Header.PreviousHash.ShouldBe(previous.Hash);
            block.Header.Timestamp.ShouldBe((ulong)Time.GetUtcNow().ToUnixTimeMilliseconds());
            block.TxIds.ShouldBe(txIds);
            block.Header.TxCount.ShouldBe((uint)txIds.Count);
            block.Header.TxRoot.ShouldBe(MerkleTree.ComputeRoot([.. txIds]));
            block.Header.StateRoot.ShouldBe(await StateRootFromStoreAsync(ledger));
            block.Header.VerifySignature(Chain.Sequencer.PublicKey).ShouldBeTrue();
            block.Status.ShouldBe(BlockStatus.Sealed);
            ledger.LatestHeader.Hash.ShouldBe(block.Hash);
            (await ledger.GetBlockAsync(block.Height))!.Header.Hash.ShouldBe(block.Hash);
            sealedBlocks.Add(block);
            previous = block.Header;
        }

        await ledger.DisposeAsync();
        events.Select(b => b.Height).ShouldBe(sealedBlocks.Select(b => b.Height));
        sealedBlocks.Count(b => b.TxIds.Count == 0).ShouldBe(3);
    }

    [StoreFact]
    public async Task Reopen_AfterSealedAndUnsealedTransactions_KeepsStateRootAndContinuesHeights()
    {
        var ledger = await OpenAsync();
        (await ledger.ApplyAsync(Chain.Pay(0, 0, Chain.WalletAddress(1), 500))).IsAccepted.ShouldBeTrue();
        var sealedBlock = await ledger.SealAsync();
        var unsealed = Chain.Pay(1, 0, Chain.WalletAddress(2), 700);
        (await ledger.ApplyAsync(unsealed)).IsAccepted.ShouldBeTrue();
        var chained = Chain.Transfer(Chain.Wallets[2], [new OutPoint(unsealed.TxId, 0)], Chain.MinFee.Utia, (Chain.WalletAddress(3), 690));
        (await ledger.ApplyAsync(chained)).IsAccepted.ShouldBeTrue();
        await ledger.DisposeAsync();

        var reopened = await OpenAsync();

        reopened.LatestHeader.Hash.ShouldBe(sealedBlock.Hash);
        (await reopened.GetLatestBlockAsync()).Header.StateRoot.ShouldBe(sealedBlock.Header.StateRoot);
        (await reopened.GetTransactionAsync(chained.TxId))!.Status.ShouldBe(TransactionStatus.Pending);
        var next = await reopened.SealAsync();
        next.Height.ShouldBe(sealedBlock.Height + 1);
        next.Header.PreviousHash.ShouldBe(sealedBlock.Hash);
        next.TxIds.ShouldBe([unsealed.TxId, chained.TxId]);
        next.Header.StateRoot.ShouldBe(await StateRootFromStoreAsync(reopened));
        var after = await reopened.ApplyAsync(Chain.Pay(3, 0, Chain.WalletAddress(0), 1));
        after.Receipt!.Sequence.ShouldBe(4UL);
        await reopened.SealAsync();
        await reopened.DisposeAsync();

        // The tree rebuilt from stored nodes alone proves every output, unspent or spent.
        var third = await OpenAsync();
        var outPoints = new List<OutPoint>();
        await using (var store = Target.CreateStore())
        {
            await store.LoadUnspentAsync((op, _, _, _) => outPoints.Add(op), default);
        }

        foreach (var outPoint in outPoints)
        {
            var proof = await third.GetUtxoProofAsync(outPoint);
            proof.IsIncluded.ShouldBeTrue();
            proof.Verify().ShouldBeTrue();
        }

        var spentProof = await third.GetUtxoProofAsync(new OutPoint(unsealed.TxId, 0));
        spentProof.IsIncluded.ShouldBeFalse();
        spentProof.Verify().ShouldBeTrue();
    }

    [StoreFact]
    public async Task GetUtxoProof_WhileBlocksAreSealed_WaitsForTheStoredHeaderAndVerifies()
    {
        var ledger = await OpenAsync();
        var sealing = Task.Run(async () =>
        {
            for (var round = 0; round < 4; round++)
            {
                (await ledger.ApplyAsync(Chain.Pay(round, 0, Chain.WalletAddress(1), 10 + (ulong)round))).IsAccepted.ShouldBeTrue();
                await ledger.SealAsync();
            }
        });

        // Proofs race the seals for as long as they run: each must come back against a stored header whose state
        // root it verifies (the tree moves at seal time, a moment before the block's header is stored).
        var proofs = 0;
        while (!sealing.IsCompleted || proofs == 0)
        {
            var proof = await ledger.GetUtxoProofAsync(Chain.Allocation(3, 1 + (proofs % 2)));
            proof.IsIncluded.ShouldBeTrue();
            proof.Verify().ShouldBeTrue();
            proofs++;
        }

        await sealing;

        (await ledger.GetUtxoProofAsync(Chain.Allocation(0, 0))).IsIncluded.ShouldBeFalse("spent in round 0");
    }

    [StoreFact]
    public async Task Reopen_BetweenStateCheckpoints_RebuildsTheTreeFromTheLastCheckpoint()
    {
        var options = Chain.Options(Target, Time);
        options.StateCheckpointInterval = 2;
        var ledger = await OpenAsync(options);
        for (var round = 0; round < 5; round++)
        {
            (await ledger.ApplyAsync(Chain.Pay(round % 4, round / 4, Chain.WalletAddress((round + 1) % 4), 100 + (ulong)round))).IsAccepted.ShouldBeTrue();
            await ledger.SealAsync();
        }

        var last = ledger.LatestHeader;
        await ledger.DisposeAsync();
        await using (var store = Target.CreateStore())
        {
            (await store.GetStateCheckpointAsync(default))!.Value.Height.ShouldBe(4L);
        }

        var reopened = await OpenAsync(options);
        reopened.LatestHeader.Hash.ShouldBe(last.Hash);
        (await reopened.ApplyAsync(Chain.Pay(1, 1, Chain.WalletAddress(0), 7))).IsAccepted.ShouldBeTrue();
        var next = await reopened.SealAsync();
        next.Header.StateRoot.ShouldBe(await StateRootFromStoreAsync(reopened));
        var proof = await reopened.GetUtxoProofAsync(Chain.Allocation(3, 1));
        proof.Verify().ShouldBeTrue();
        proof.IsIncluded.ShouldBeTrue();
        await reopened.DisposeAsync();
        await using (var store = Target.CreateStore())
        {
            (await store.GetStateCheckpointAsync(default))!.Value.Height.ShouldBe(6L);
        }
    }

    [StoreFact]
    public async Task Open_WithAnotherGenesis_FailsWithGenesisMismatch()
    {
        await (await OpenAsync()).DisposeAsync();
        var other = new GenesisDocument(
            "other-chain",
            Chain.Genesis.Timestamp,
            Chain.Genesis.SequencerPublicKey,
            Chain.Genesis.BridgeAuthorityPublicKey,
            Chain.Genesis.FeeAddress,
            Chain.Genesis.MinFee,
            Chain.Genesis.BlockInterval,
            Chain.Genesis.Allocations);
        var options = Chain.Options(Target, Time);
        options.Genesis = other;

        var error = await Should.ThrowAsync<LedgerException>(() => LedgerHost.OpenAsync(options));

        error.Code.ShouldBe(LedgerErrorCodes.GenesisMismatch);
        error.Message.ShouldContain(Chain.Genesis.Hash.ToString());
        options.Genesis = null;
        var reopened = await OpenAsync(options);
        reopened.GenesisHash.ShouldBe(Chain.Genesis.Hash);
    }

    [StoreFact]
    public async Task Migrate_Twice_IsIdempotent_AndANewerSchemaIsRefused()
    {
        await (await OpenAsync()).DisposeAsync();
        await using (var store = Target.CreateStore())
        {
            await store.MigrateAsync(default);
            (await store.GetChainAsync(default))!.GenesisHash.ShouldBe(Chain.Genesis.Hash);
        }

        await Target.ExecuteAsync("INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");

        var error = await Should.ThrowAsync<LedgerException>(() => LedgerHost.OpenAsync(Chain.Options(Target, Time)));
        error.Code.ShouldBe(LedgerErrorCodes.SchemaTooNew);
        error.Message.ShouldContain("99");
    }

    [StoreFact]
    public async Task MarkPosted_ThenQueries_ReportPostedStatusAndReference()
    {
        var ledger = await OpenAsync();
        var tx = Chain.Pay(0, 0, Chain.WalletAddress(1), 5);
        (await ledger.ApplyAsync(tx)).IsAccepted.ShouldBeTrue();
        var block = await ledger.SealAsync();
        (await ledger.GetUnpostedBlocksAsync()).Select(b => b.Height).ShouldBe([0UL, 1UL]);
        (await ledger.GetTransactionAsync(tx.TxId))!.Status.ShouldBe(TransactionStatus.Sealed);

        await ledger.MarkPostedAsync(block.Height, "celestia:42:abcd");

        (await ledger.GetBlockAsync(block.Height))!.Status.ShouldBe(BlockStatus.Posted);
        var status = await ledger.GetTransactionAsync(tx.TxId);
        status!.Status.ShouldBe(TransactionStatus.Posted);
        status.DaReference.ShouldBe("celestia:42:abcd");
        status.Block!.Hash.ShouldBe(block.Hash);
        status.IndexInBlock.ShouldBe(0);
        (await ledger.GetUnpostedBlocksAsync()).Select(b => b.Height).ShouldBe([0UL]);
        var unknown = await Should.ThrowAsync<LedgerException>(() => ledger.MarkPostedAsync(99, "x"));
        unknown.Code.ShouldBe(LedgerErrorCodes.UnknownBlock);
    }

    [StoreFact]
    public async Task Apply_WhenAStoreReadFailsInTheWriter_FailsStopAndNobodyHangs()
    {
        var store = new FailingStore(Target.CreateStore());
        var ledger = await LedgerHost.OpenAsync(Chain.Options(Target, Time), store, default);
        (await ledger.ApplyAsync(Chain.Pay(0, 0, Chain.WalletAddress(1), 11))).IsAccepted.ShouldBeTrue();

        store.FailReads = true;
        var missingInput = Chain.Transfer(Chain.Wallets[0], [new OutPoint(Hash32.Compute("gone"u8), 0)], 10, (Chain.WalletAddress(1), 5));
        var results = await Task.WhenAll(
                new[] { ledger.ApplyAsync(missingInput) }
                    .Concat(Enumerable.Range(1, 3).Select(k => ledger.ApplyAsync(Chain.Pay(1, k, Chain.WalletAddress(2), 11)))))
            .WaitAsync(TimeSpan.FromSeconds(30));
        var later = await ledger.ApplyAsync(Chain.Pay(2, 0, Chain.WalletAddress(3), 11)).WaitAsync(TimeSpan.FromSeconds(30));

        results[0].Code.ShouldBe(LedgerErrorCodes.LedgerUnavailable);
        later.Code.ShouldBe(LedgerErrorCodes.LedgerUnavailable);
        ledger.IsFaulted.ShouldBeTrue();
        await ledger.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var reopened = await OpenAsync();
        foreach (var result in results.Where(r => r.IsAccepted))
        {
            (await reopened.GetTransactionAsync(result.TxId)).ShouldNotBeNull();
        }
    }

    [StoreFact]
    public async Task Commit_WhenTheStoreFails_StopsTheLedgerAndReopeningRecovers()
    {
        var store = new FailingStore(Target.CreateStore());
        var ledger = await LedgerHost.OpenAsync(Chain.Options(Target, Time), store, default);
        var committed = Chain.Pay(0, 0, Chain.WalletAddress(1), 11);
        (await ledger.ApplyAsync(committed)).IsAccepted.ShouldBeTrue();

        store.FailCommits = true;
        var lost = await Task.WhenAll(Enumerable.Range(1, 3).Select(k => ledger.ApplyAsync(Chain.Pay(0, k, Chain.WalletAddress(1), 11))));
        var later = await ledger.ApplyAsync(Chain.Pay(1, 0, Chain.WalletAddress(2), 11));

        lost.ShouldAllBe(r => !r.IsAccepted && r.Code == LedgerErrorCodes.LedgerUnavailable);
        later.Code.ShouldBe(LedgerErrorCodes.LedgerUnavailable);
        ledger.IsFaulted.ShouldBeTrue();
        (await Should.ThrowAsync<LedgerException>(() => ledger.SealAsync())).Code.ShouldBe(LedgerErrorCodes.LedgerUnavailable);
        await ledger.DisposeAsync();

        var reopened = await OpenAsync();
        (await reopened.GetUtxoStatusAsync(Chain.Allocation(0, 0))).SpentBy.ShouldBe(committed.TxId);
        (await reopened.GetUtxoStatusAsync(Chain.Allocation(0, 1))).State.ShouldBe(UtxoState.Unspent);
        (await reopened.ApplyAsync(Chain.Pay(0, 1, Chain.WalletAddress(1), 11))).Receipt!.Sequence.ShouldBe(2UL);
    }
}
