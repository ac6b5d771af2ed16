using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Utxos;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Payments;

/// <summary>
/// <see cref="NodeSplitExecutor"/> against a node on real Kestrel. Its clock is a <see cref="FakeTimeProvider"/> (set to
/// now, so the in-test ledger, which checks expiries on the real clock, takes the transactions): the confirmation
/// timeout and the expiry pass only when a test moves it, after the node has signalled that it has the submission, so
/// no outcome depends on how fast this machine is.
/// </summary>
public sealed class NodeSplitExecutorTests : IAsyncLifetime
{
    private static readonly TimeSpan ConfirmationTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly PrivateKey _wallet = PrivateKey.Generate();
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
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
        var now = _time.GetUtcNow().ToUnixTimeSeconds();

        var tx = executor.Build(plan);

        tx.Inputs.ShouldBe([a.OutPoint, b.OutPoint]);
        tx.Outputs.Select(o => o.Address).ShouldAllBe(address => address == Self);
        tx.Outputs.Select(o => o.Amount).ShouldBe(plan.Outputs);
        tx.Fee.ShouldBe(Amount.FromUtia(100));
        tx.ChainId.ShouldBe(InTestLedger.ChainId);
        tx.VerifySignature().ShouldBeTrue();
        ((long)tx.Expiry).ShouldBe(now + 30);
        tx.TryGetOutputTotal(out var total).ShouldBeTrue();
        total.ShouldBe(plan.InputTotal);
    }

    [Fact]
    public async Task ExecuteAsync_NodeConfirms_ReturnsTxIdAndOutputsExist()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        var plan = Plan(coin, 10_000, 4, 2_000);

        var txId = await Executor(ConfirmationTimeout).ExecuteAsync(plan, null, default);

        _node.Ledger.UtxoStatus(new OutPoint(txId, 3)).Status.ShouldBe("unspent");
        _node.Ledger.UtxoStatus(new OutPoint(txId, 4)).Amount.ShouldBe("1900");
        _node.Ledger.UtxoStatus(coin).Status.ShouldBe("spent");
    }

    [Fact]
    public async Task ExecuteAsync_AnswerSlowerThanTimeoutButApplied_ConfirmsByPolling()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        var answer = new TaskCompletionSource();
        _node.HoldAnswersUntil = answer.Task;
        var executing = Executor(ConfirmationTimeout).ExecuteAsync(Plan(coin, 10_000, 2, 1_000), null, default);
        var applied = await _node.Submitted.Task.WaitAsync(Patience);

        _time.Advance(ConfirmationTimeout); // the answer is still held: the executor gives up waiting for it and asks the node
        var txId = await executing.WaitAsync(Patience);

        txId.ShouldBe(applied);
        _node.Ledger.TryGetApplied(txId, out _, out _).ShouldBeTrue();
        answer.SetResult();
    }

    [Fact]
    public async Task ExecuteAsync_NeverApplied_FailsOnceTheTransactionHasExpired()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        _node.SwallowSubmissions = true;
        var executing = Executor(ConfirmationTimeout).ExecuteAsync(Plan(coin, 10_000, 2, 1_000), null, default);
        await _node.Submitted.Task.WaitAsync(Patience);

        // Past the timeout and past the expiry (+1 s of slack): the node does not know the transaction and never can apply it.
        _time.Advance(ConfirmationTimeout + TimeSpan.FromSeconds(2));
        var ex = await Should.ThrowAsync<FontanaApiException>(() => executing.WaitAsync(Patience));

        ex.Code.ShouldBe("split-timeout");
        _node.Ledger.UtxoStatus(coin).Status.ShouldBe("unspent");
    }

    [Fact]
    public async Task ExecuteAsync_InputAlreadySpent_ThrowsInputSpent()
    {
        var coin = _node.Ledger.Fund(Self, Amount.FromUtia(10_000));
        var executor = Executor(ConfirmationTimeout);
        await executor.ExecuteAsync(Plan(coin, 10_000, 2, 1_000), null, default);

        await Should.ThrowAsync<InputSpentException>(() => executor.ExecuteAsync(Plan(coin, 10_000, 3, 1_000), null, default));
    }

    private NodeSplitExecutor Executor(TimeSpan timeout) => new(_client, _wallet, () => _chain, timeout, _time, verifyReceipts: true);

    private static SplitPlan Plan(OutPoint coin, ulong amount, int outputs, ulong each)
    {
        var list = Enumerable.Repeat(Amount.FromUtia(each), outputs).ToList();
        var change = Amount.FromUtia(amount - ((ulong)outputs * each) - 100);
        list.Add(change);
        return new SplitPlan([new CachedUtxo(coin, Amount.FromUtia(amount), UtxoStatus.Locked, "split")], list, Amount.FromUtia(100), change);
    }
}
