using Fontana.Core;
using Fontana.Core.Merkle;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>The ledger's behaviour, the same on every store. Subclasses pick the store.</summary>
public abstract partial class LedgerConformanceTests : IAsyncLifetime
{
    private readonly List<LedgerEngine> _opened = [];
    private readonly List<StoreTarget> _targets = [];
    private readonly Func<StoreTarget> _newTarget;

    protected LedgerConformanceTests(Func<StoreTarget> newTarget)
    {
        _newTarget = newTarget;
        Target = NewTarget();
        Chain = new TestChain();
    }

    protected StoreTarget Target { get; }

    protected TestChain Chain { get; }

    protected FakeTimeProvider Time { get; } = TestClock.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var ledger in _opened)
        {
            await ledger.DisposeAsync();
        }

        foreach (var target in _targets)
        {
            await target.DisposeAsync();
        }

        Chain.Dispose();
    }

    /// <summary>Another fresh store of the same kind (disposed with the test).</summary>
    protected StoreTarget NewTarget()
    {
        var target = _newTarget();
        _targets.Add(target);
        return target;
    }

    protected async Task<LedgerEngine> OpenAsync(LedgerOptions? options = null)
    {
        var ledger = await LedgerHost.OpenAsync(options ?? Chain.Options(Target, Time));
        _opened.Add(ledger);
        return ledger;
    }

    protected async Task ReopenAsync(LedgerEngine ledger) => await ledger.DisposeAsync();

    [StoreFact]
    public async Task Open_NewStore_WritesBlockZeroCommittingTheAllocations()
    {
        var ledger = await OpenAsync();

        var block = await ledger.GetLatestBlockAsync();
        block.Height.ShouldBe(0UL);
        block.Header.PreviousHash.ShouldBe(Chain.Genesis.Hash);
        block.Header.Timestamp.ShouldBe((ulong)Chain.Genesis.Timestamp.ToUnixTimeMilliseconds());
        block.Header.TxCount.ShouldBe(0U);
        block.Header.TxRoot.ShouldBe(MerkleTree.EmptyRoot);
        block.Header.VerifySignature(Chain.Sequencer.PublicKey).ShouldBeTrue();
        block.Header.StateRoot.ShouldBe(await StateRootFromStoreAsync(ledger));
        (await ledger.GetBalanceAsync(Chain.WalletAddress(0))).ShouldBe(Amount.FromUtia(4_000_000));
    }

    [StoreFact]
    public async Task Apply_ValidPayment_ReturnsSignedReceiptAndMovesValue()
    {
        var ledger = await OpenAsync();
        var tx = Chain.Pay(0, 0, Chain.WalletAddress(1), 250_000);

        var result = await ledger.ApplyAsync(tx);

        result.IsAccepted.ShouldBeTrue(result.ToString());
        result.Receipt!.TxId.ShouldBe(tx.TxId);
        result.Receipt.Sequence.ShouldBe(1UL);
        result.Receipt.Verify(TestChain.ChainId, Chain.Sequencer.PublicKey).ShouldBeTrue();
        (await ledger.GetBalanceAsync(Chain.WalletAddress(1))).ShouldBe(Amount.FromUtia(4_250_000));
        (await ledger.GetBalanceAsync(Chain.WalletAddress(0))).ShouldBe(Amount.FromUtia(4_000_000 - 250_000 - 10));
        (await ledger.GetBalanceAsync(Chain.FeeAddress)).ShouldBe(Amount.FromUtia(10));
        var fee = await ledger.GetUtxoStatusAsync(new OutPoint(tx.TxId, 2));
        fee.State.ShouldBe(UtxoState.Unspent);
        fee.Output!.Value.Address.ShouldBe(Chain.FeeAddress);
        var spent = await ledger.GetUtxoStatusAsync(Chain.Allocation(0));
        spent.State.ShouldBe(UtxoState.Spent);
        spent.SpentBy.ShouldBe(tx.TxId);
        var status = await ledger.GetTransactionAsync(tx.TxId);
        status!.Status.ShouldBe(TransactionStatus.Pending);
        status.Transaction.TxId.ShouldBe(tx.TxId);
    }

    [StoreFact]
    public async Task Apply_Resubmitted_ReturnsTheSameReceipt()
    {
        var ledger = await OpenAsync();
        var tx = Chain.Pay(0, 0, Chain.WalletAddress(1), 1_000);
        var bytes = Fontana.Core.Encoding.TransactionCodec.Encode(tx);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ledger.ApplyAsync(bytes)));
        Time.Advance(TimeSpan.FromSeconds(1));
        var later = await ledger.ApplyAsync(tx);
        await ReopenAsync(ledger);
        var reopened = await OpenAsync();
        var afterRestart = await reopened.ApplyAsync(bytes);

        var first = concurrent[0].Receipt!;
        foreach (var result in concurrent.Concat([later, afterRestart]))
        {
            result.IsAccepted.ShouldBeTrue(result.ToString());
            result.Receipt!.Sequence.ShouldBe(first.Sequence);
            result.Receipt.AcceptedAt.ShouldBe(first.AcceptedAt);
            result.Receipt.SequencerSignature.ToArray().ShouldBe(first.SequencerSignature.ToArray());
        }

        concurrent.Count(r => !r.AlreadyApplied).ShouldBe(1);
        later.AlreadyApplied.ShouldBeTrue();
        (await reopened.GetBalanceAsync(Chain.WalletAddress(1))).ShouldBe(Amount.FromUtia(4_001_000));
    }

    [StoreFact]
    public async Task Apply_SixtyFourConcurrentSpendsOfOneOutput_ExactlyOneAccepted()
    {
        var ledger = await OpenAsync();
        var spends = Enumerable.Range(0, 64)
            .Select(i => Chain.Pay(0, 0, Chain.WalletAddress(1 + (i % 3)), 1_000 + (ulong)i))
            .ToArray();

        var results = await Task.WhenAll(spends.Select(tx => Task.Run(() => ledger.ApplyAsync(tx))));

        results.Count(r => r.IsAccepted).ShouldBe(1);
        results.Where(r => !r.IsAccepted).ShouldAllBe(r => r.Code == "input-spent");
        var winner = results.Single(r => r.IsAccepted).TxId;
        (await ledger.GetUtxoStatusAsync(Chain.Allocation(0))).SpentBy.ShouldBe(winner);
        var total = Amount.Zero;
        foreach (var address in Chain.Wallets.Select(TestChain.AddressOf).Append(Chain.FeeAddress))
        {
            total += await ledger.GetBalanceAsync(address);
        }

        total.ShouldBe(Chain.Genesis.TotalAllocated);
    }

    /// <summary>SMT root over every unspent output in the store, computed from scratch.</summary>
    protected Task<Hash32> StateRootFromStoreAsync(LedgerEngine ledger)
    {
        ledger.ShouldNotBeNull();
        return StoreInspector.StateRootAsync(Target);
    }
}
