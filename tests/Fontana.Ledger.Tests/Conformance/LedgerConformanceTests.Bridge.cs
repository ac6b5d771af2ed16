using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Transactions;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>Deposits, withdrawals, proofs and replay.</summary>
public abstract partial class LedgerConformanceTests
{
    [StoreFact]
    public async Task ProcessDeposit_SameL1ReferenceTwice_MintsOnceAndReturnsTheSameReceipt()
    {
        var ledger = await OpenAsync();
        var to = Chain.WalletAddress(3);

        var first = await ledger.ProcessDepositAsync("0xdeadbeef:7", to, Amount.FromUtia(2_500));
        var again = await ledger.ProcessDepositAsync("0xdeadbeef:7", to, Amount.FromUtia(2_500));
        var conflicting = await ledger.ProcessDepositAsync("0xdeadbeef:7", to, Amount.FromUtia(9_999));

        first.IsAccepted.ShouldBeTrue(first.ToString());
        again.AlreadyApplied.ShouldBeTrue();
        again.Receipt!.Sequence.ShouldBe(first.Receipt!.Sequence);
        conflicting.Code.ShouldBe("duplicate-deposit");
        (await ledger.GetBalanceAsync(to)).ShouldBe(Amount.FromUtia(4_002_500));
        var tx = await ledger.GetTransactionAsync(first.TxId);
        tx!.Transaction.Kind.ShouldBe(TransactionKind.Deposit);
        tx.Transaction.Signer.ShouldBe(Chain.Bridge.PublicKey);
    }

    [StoreFact]
    public async Task Withdrawal_ThenConfirmation_BurnsValueAndTracksStatus()
    {
        var ledger = await OpenAsync();
        var withdrawal = new TransactionBuilder(TestChainId, TransactionKind.Withdrawal)
            .AddInput(Chain.Allocation(2, 0))
            .AddOutput(Chain.WalletAddress(2), Amount.FromUtia(400_000))
            .WithFee(Chain.MinFee)
            .WithExternalRef("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t5")
            .Sign(Chain.Wallets[2]);

        (await ledger.ApplyAsync(withdrawal)).IsAccepted.ShouldBeTrue();
        var pending = await ledger.GetWithdrawalAsync(withdrawal.TxId);
        pending!.Amount.ShouldBe(Amount.FromUtia(1_000_000 - 400_000 - 10));
        pending.L1Address.ShouldBe("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t5");
        pending.Confirmed.ShouldBeFalse();
        (await ledger.GetPendingWithdrawalsAsync()).Select(w => w.TxId).ShouldBe([withdrawal.TxId]);

        var confirm = await ledger.ProcessWithdrawalConfirmedAsync(withdrawal.TxId, "l1-payout-9");
        var repeat = await ledger.ProcessWithdrawalConfirmedAsync(withdrawal.TxId, "l1-payout-9");
        var other = await ledger.ProcessWithdrawalConfirmedAsync(withdrawal.TxId, "l1-payout-10");
        var unknown = await ledger.ProcessWithdrawalConfirmedAsync(Hash32.Compute("nope"u8), "l1-payout-11");

        confirm.IsAccepted.ShouldBeTrue(confirm.ToString());
        repeat.AlreadyApplied.ShouldBeTrue();
        other.Code.ShouldBe("withdrawal-already-confirmed");
        unknown.Code.ShouldBe("unknown-withdrawal");
        var done = await ledger.GetWithdrawalAsync(withdrawal.TxId);
        done!.Confirmed.ShouldBeTrue();
        done.ConfirmationTxId.ShouldBe(confirm.TxId);
        done.L1TxRef.ShouldBe("l1-payout-9");
        (await ledger.GetPendingWithdrawalsAsync()).ShouldBeEmpty();
        var block = await ledger.SealAsync();
        block.TxIds.ShouldBe([withdrawal.TxId, confirm.TxId]);
        block.Header.StateRoot.ShouldBe(await StateRootFromStoreAsync(ledger));
    }

    [StoreFact]
    public async Task Proofs_ForSealedTransactionsAndOutputs_VerifyAgainstTheHeaders()
    {
        var ledger = await OpenAsync();
        var payments = Enumerable.Range(0, 5).Select(i => Chain.Pay(i % 4, i / 4, Chain.WalletAddress(3), 50 + (ulong)i)).ToArray();
        foreach (var tx in payments)
        {
            (await ledger.ApplyAsync(tx)).IsAccepted.ShouldBeTrue();
        }

        (await ledger.GetTransactionProofAsync(payments[0].TxId)).ShouldBeNull("not sealed yet");
        var block = await ledger.SealAsync();

        for (var i = 0; i < payments.Length; i++)
        {
            var proof = await ledger.GetTransactionProofAsync(payments[i].TxId);
            proof!.Header.Hash.ShouldBe(block.Hash);
            proof.Proof.LeafIndex.ShouldBe(i);
            proof.Verify().ShouldBeTrue();
        }

        var unspent = await ledger.GetUtxoProofAsync(new OutPoint(payments[2].TxId, 1));
        unspent.IsIncluded.ShouldBeTrue();
        unspent.Header.Hash.ShouldBe(block.Hash);
        unspent.Verify().ShouldBeTrue();
        var spent = await ledger.GetUtxoProofAsync(Chain.Allocation(2, 0));
        spent.IsIncluded.ShouldBeFalse();
        spent.Verify().ShouldBeTrue();
        var never = await ledger.GetUtxoProofAsync(new OutPoint(Hash32.Compute("never"u8), 3));
        never.IsIncluded.ShouldBeFalse();
        never.Verify().ShouldBeTrue();
        (unspent with { Output = new TxOutput(Chain.WalletAddress(0), Amount.FromUtia(1)) }).Verify().ShouldBeFalse();
    }

    [StoreFact]
    public async Task ApplySealedBlock_OnAFreshStore_RebuildsTheSameChain()
    {
        var source = await OpenAsync();
        (await source.ApplyAsync(Chain.Pay(0, 0, Chain.WalletAddress(1), 10))).IsAccepted.ShouldBeTrue();
        var deposit = await source.ProcessDepositAsync("l1-d", Chain.WalletAddress(2), Amount.FromUtia(77));
        Time.Advance(TimeSpan.FromSeconds(6));
        await source.SealAsync();
        Time.Advance(TimeSpan.FromSeconds(6));
        await source.SealAsync();
        var spendDeposit = Chain.Transfer(Chain.Wallets[2], [new OutPoint(deposit.TxId, 0)], Chain.MinFee.Utia, (Chain.WalletAddress(0), 67));
        (await source.ApplyAsync(spendDeposit)).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromSeconds(6));
        var last = await source.SealAsync();
        var blocks = new List<Block>();
        for (ulong h = 1; h <= last.Height; h++)
        {
            blocks.Add((await source.GetFullBlockAsync(h))!);
        }

        var replicaOptions = Chain.Options(NewTarget(), Time, withBridge: false);
        replicaOptions.SequencerKey = null;
        replicaOptions.GenesisBlockHeader = (await source.GetHeaderAsync(0))!;
        var replica = await OpenAsync(replicaOptions);
        foreach (var block in blocks)
        {
            var replayed = await replica.ApplySealedBlockAsync(block, "da-" + block.Height);
            replayed.Hash.ShouldBe(block.Hash);
        }

        replica.LatestHeader.Hash.ShouldBe(last.Hash);
        (await replica.GetBalanceAsync(Chain.WalletAddress(0))).ShouldBe(await source.GetBalanceAsync(Chain.WalletAddress(0)));
        (await replica.GetBlockAsync(1))!.Status.ShouldBe(BlockStatus.Posted);
        (await replica.ApplyAsync(Chain.Pay(3, 0, Chain.WalletAddress(0), 1))).IsUnavailable.ShouldBeTrue("a replica without the sequencer key only replays");
    }

    [StoreFact]
    public async Task ApplySealedBlock_FastReplay_SkippedTreeCheckpointIsWrittenAtCloseAndTheStoreReopensFromIt()
    {
        // Replayed blocks checkpoint the state tree at the interval only every ReplayCheckpointSpacing; the skipped
        // checkpoint is owed and written at close, for the last block, so the store reopens from its own tree.
        var source = await OpenAsync();
        for (var round = 0; round < 5; round++)
        {
            (await source.ApplyAsync(Chain.Pay(round % 4, round / 4, Chain.WalletAddress((round + 1) % 4), 100 + (ulong)round))).IsAccepted.ShouldBeTrue();
            Time.Advance(TimeSpan.FromSeconds(6));
            await source.SealAsync();
        }

        var blocks = new List<Block>();
        for (ulong h = 1; h <= source.LatestHeader.Height; h++)
        {
            blocks.Add((await source.GetFullBlockAsync(h))!);
        }

        var target = NewTarget();
        var replicaOptions = Chain.Options(target, Time);
        replicaOptions.SequencerKey = null;
        replicaOptions.StateCheckpointInterval = 2;
        replicaOptions.GenesisBlockHeader = (await source.GetHeaderAsync(0))!;
        var replica = await OpenAsync(replicaOptions);
        var inFlight = blocks.Select(block => replica.ApplySealedBlockAsync(block)).ToList();
        await Task.WhenAll(inFlight);
        await replica.DisposeAsync();
        await using (var store = target.CreateStore())
        {
            var checkpoint = (await store.GetStateCheckpointAsync(default))!.Value;
            checkpoint.Height.ShouldBe((long)blocks[^1].Height, "the owed checkpoint names the last block");
            checkpoint.Root.ShouldBe(blocks[^1].Header.StateRoot);
        }

        var reopened = await OpenAsync(replicaOptions);
        reopened.LatestHeader.Hash.ShouldBe(blocks[^1].Hash);
        var proof = await reopened.GetUtxoProofAsync(Chain.Allocation(3, 1));
        proof.Verify().ShouldBeTrue();
        proof.IsIncluded.ShouldBeTrue();
        (await reopened.GetUtxoProofAsync(Chain.Allocation(0, 0))).IsIncluded.ShouldBeFalse("spent in round 0");
    }

    [StoreFact]
    public async Task ApplySealedBlock_InvalidBlockQueuedBehindAValidOne_TheValidOneCommitsThenTheLedgerStops()
    {
        // Replays are pipelined (the writer applies block n+1 while block n is sealed and committed): a failure in
        // n+1 must not take n down with it, and the caller of n+1 hears of it with the ledger already stopped.
        var source = await OpenAsync();
        (await source.ApplyAsync(Chain.Pay(0, 0, Chain.WalletAddress(1), 10))).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromSeconds(6));
        var first = (await source.GetFullBlockAsync((await source.SealAsync()).Height))!;
        var spend = Chain.Pay(1, 0, Chain.WalletAddress(2), 10);
        (await source.ApplyAsync(spend)).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromSeconds(6));
        var second = (await source.GetFullBlockAsync((await source.SealAsync()).Height))!;

        // Block 2 again, its transaction replaced by one spending an output block 1 already spent (signed, so it
        // passes the stateless rules): the header still chains and verifies; the writer rejects the transaction.
        var doubleSpend = Chain.Pay(0, 0, Chain.WalletAddress(3), 11);
        var invalid = new Block(second.Header, [doubleSpend]);
        var target = NewTarget();
        var replicaOptions = Chain.Options(target, Time);
        replicaOptions.SequencerKey = null;
        replicaOptions.GenesisBlockHeader = (await source.GetHeaderAsync(0))!;
        var replica = await OpenAsync(replicaOptions);

        var applyFirst = replica.ApplySealedBlockAsync(first);
        var applySecond = replica.ApplySealedBlockAsync(invalid);

        (await applyFirst).Hash.ShouldBe(first.Hash);
        var error = await Should.ThrowAsync<LedgerException>(() => applySecond);
        error.Code.ShouldBe(LedgerErrorCodes.BlockInvalid);
        error.Message.ShouldContain("block 2");
        replica.IsFaulted.ShouldBeTrue();
        await replica.DisposeAsync();
        var reopened = await OpenAsync(replicaOptions);
        reopened.LatestHeader.Hash.ShouldBe(first.Hash, "block 1 committed; nothing of block 2 did");
        (await reopened.GetUtxoProofAsync(Chain.Allocation(1, 0))).IsIncluded.ShouldBeTrue("block 2's spend never committed");
    }

    [StoreFact]
    public async Task ApplySealedBlock_WithAWrongStateRoot_FailsNamingTheHeight()
    {
        var source = await OpenAsync();
        (await source.ApplyAsync(Chain.Pay(0, 0, Chain.WalletAddress(1), 10))).IsAccepted.ShouldBeTrue();
        var block = (await source.GetFullBlockAsync((await source.SealAsync()).Height))!;
        var h = block.Header;
        var forged = new BlockHeader(h.Version, h.ChainId, h.Height, h.PreviousHash, h.Timestamp, h.TxCount, h.TxRoot, Hash32.Compute("forged"u8))
            .Sign(Chain.Sequencer);
        var replica = await OpenAsync(Chain.Options(NewTarget(), Time));

        var badSignature = await Should.ThrowAsync<LedgerException>(() =>
            replica.ApplySealedBlockAsync(new Block(new BlockHeader(h.Version, h.ChainId, h.Height, h.PreviousHash, h.Timestamp, h.TxCount, h.TxRoot, h.StateRoot), block.Transactions)));
        var mismatch = await Should.ThrowAsync<LedgerException>(() => replica.ApplySealedBlockAsync(new Block(forged, block.Transactions)));

        badSignature.Code.ShouldBe(LedgerErrorCodes.BlockMismatch);
        mismatch.Code.ShouldBe(LedgerErrorCodes.BlockMismatch);
        mismatch.Message.ShouldContain("block 1");
        mismatch.Message.ShouldContain("state root");
        replica.IsFaulted.ShouldBeTrue();
    }

    private const string TestChainId = TestChain.ChainId;
}
