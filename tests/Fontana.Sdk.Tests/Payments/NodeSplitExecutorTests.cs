using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Utxos;

namespace Fontana.Sdk.Tests.Payments;

public sealed class NodeSplitExecutorTests : IAsyncLifetime
{
    private readonly PrivateKey _wallet = PrivateKey.Generate();
    private InTestNode _node = null!;
    private FontanaClient _client = null!;
    private ChainInfo _chain = null!;

    private Address Self => new(_wallet.PublicKey);

    public async Task InitializeAsync()
    {
        _node = await InTestNode.StartAsync();
        _client = _node.CreateClient();
        _chain = ChainInfo.FromDto(await _client.GetInfoAsync());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public void Build_Plan_InputsOutputsToSelfChangeLastFeeAndExpiry()
    {
        var executor = Executor(TimeSpan.FromSeconds(30));
        var a = new CachedUtxo(new OutPoint(Hash32.Compute([1]), 0), Amount.FromUtia(6_000), UtxoStatus.Locked, "split-1");
        var b = new CachedUtxo(new OutPoint(Hash32.Compute([2]), 3), Amount.FromUtia(4_000), UtxoStatus.Locked, "split-1");
        var plan = new SplitPlan([a, b], [Amount.FromUtia(3_000), Amount.FromUtia(3_000), Amount.FromUtia(3_900)], Amount.FromUtia(100), Amount.FromUtia(3_900));
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        var tx = executor.Build(plan);

        tx.Inputs.ShouldBe([a.OutPoint, b.OutPoint]);
        tx.Outputs.Select(o => o.Address).ShouldAllBe(address => address == Self);
        tx.Outputs.Select(o => o.Amount).ShouldBe(plan.Outputs);
        tx.Fee.ShouldBe(Amount.FromUtia(100));
        tx.ChainId.ShouldBe(InTestLedger.ChainId);
        tx.VerifySignature().ShouldBeTrue();
        ((long)tx.Expiry).ShouldBeInRange(before + 30, before + 32);
        tx.TryGetOutputTotal(out var total).ShouldBeTrue();
        total.ShouldBe(plan.InputTotal);
    }

    [Fact]
    public async Task ExecuteAsync_NodeConfirms_ReturnsTxIdAndOutputsExist()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        var plan = Plan(coin, 10_000, 4, 2_000);

        var txId = await Executor(TimeSpan.FromSeconds(10)).ExecuteAsync(plan, null, default);

        _node.Ledger.UtxoStatus(new OutPoint(txId, 3)).Status.ShouldBe("unspent");
        _node.Ledger.UtxoStatus(new OutPoint(txId, 4)).Amount.ShouldBe("1900");
        _node.Ledger.UtxoStatus(coin).Status.ShouldBe("spent");
    }

    [Fact]
    public async Task ExecuteAsync_AnswerSlowerThanTimeoutButApplied_ConfirmsByPolling()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        _node.SubmitDelay = TimeSpan.FromSeconds(5);

        var txId = await Executor(TimeSpan.FromSeconds(1)).ExecuteAsync(Plan(coin, 10_000, 2, 1_000), null, default).WaitAsync(TimeSpan.FromSeconds(4));

        _node.Ledger.TryGetApplied(txId, out _, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_NeverApplied_FailsOnceTheTransactionHasExpired()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        _node.SwallowSubmissions = true;

        var ex = await Should.ThrowAsync<FontanaApiException>(() => Executor(TimeSpan.FromSeconds(1)).ExecuteAsync(Plan(coin, 10_000, 2, 1_000), null, default).WaitAsync(TimeSpan.FromSeconds(8)));

        ex.Code.ShouldBe("split-timeout");
        _node.Ledger.UtxoStatus(coin).Status.ShouldBe("unspent");
    }

    [Fact]
    public async Task ExecuteAsync_InputAlreadySpent_ThrowsInputSpent()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        var executor = Executor(TimeSpan.FromSeconds(10));
        await executor.ExecuteAsync(Plan(coin, 10_000, 2, 1_000), null, default);

        await Should.ThrowAsync<InputSpentException>(() => executor.ExecuteAsync(Plan(coin, 10_000, 3, 1_000), null, default));
    }

    private NodeSplitExecutor Executor(TimeSpan timeout) => new(_client, _wallet, () => _chain, timeout, TimeProvider.System, verifyReceipts: true);

    private static SplitPlan Plan(OutPoint coin, ulong amount, int outputs, ulong each)
    {
        var list = Enumerable.Repeat(Amount.FromUtia(each), outputs).ToList();
        var change = Amount.FromUtia(amount - ((ulong)outputs * each) - 100);
        list.Add(change);
        return new SplitPlan([new CachedUtxo(coin, Amount.FromUtia(amount), UtxoStatus.Locked, "split")], list, Amount.FromUtia(100), change);
    }
}
