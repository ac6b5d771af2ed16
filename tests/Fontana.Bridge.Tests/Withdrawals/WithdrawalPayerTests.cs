using Fontana.Bridge.L1;
using Fontana.Bridge.Tests.L1;
using Fontana.Bridge.Withdrawals;
using Fontana.Core.Errors;
using Fontana.Testing;

namespace Fontana.Bridge.Tests.Withdrawals;

/// <summary>Each step of a payout interrupted (the store left as a crash at that step leaves it), then resumed by a new
/// payer over the reopened store: one payout on L1, one confirmation, the vault short by exactly the payouts.</summary>
public sealed class WithdrawalPayerTests : IAsyncLifetime
{
    private const int Window = 5;
    private const ulong Vaulted = 10_000_000;
    private readonly TempDirectory _dir = new("withdrawals");
    private readonly CountingConfirmer _ledger = new();
    private L1Fixture _l1 = null!;
    private WithdrawalStore _store = null!;

    public async Task InitializeAsync()
    {
        _l1 = await L1Fixture.StartAsync();
        _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, Vaulted, "deposit");
        _store = new WithdrawalStore(_dir.Combine("bridge.db"));
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _l1.DisposeAsync();
        _dir.Dispose();
    }

    private WithdrawalPayer Payer() => new(_l1.State, _l1.Query, _store, _ledger, L1Fixture.Vault, Window);

    private void Restart()
    {
        _store.Dispose();
        _store = new WithdrawalStore(_dir.Combine("bridge.db"));
    }

    private void AssertPaidOnce(string txId, ulong utia)
    {
        _l1.Simulator.TransfersFrom(L1Fixture.Vault).Count(p => p.To == L1Fixture.Payee.Text && p.Utia == utia).ShouldBe(1);
        _ledger.Confirmations[txId].Distinct().Count().ShouldBe(1);
        _store.Get(txId)!.Status.ShouldBe(WithdrawalStatus.Confirmed);
        _l1.Simulator.BalanceOf(L1Fixture.Vault).ShouldBe(Vaulted - utia);
        _l1.Simulator.BalanceOf(L1Fixture.Payee).ShouldBe(utia);
    }

    [Fact]
    public async Task PayAsync_NoCrash_PaysConfirmsOnce()
    {
        var record = await Payer().PayAsync("w1", L1Fixture.Payee.Text, 2_000_000, CancellationToken.None);
        await Payer().PayAsync("w1", L1Fixture.Payee.Text, 2_000_000, CancellationToken.None);

        record.Status.ShouldBe(WithdrawalStatus.Confirmed);
        record.L1TxHash!.ShouldMatch("^[0-9A-F]{64}$");
        AssertPaidOnce("w1", 2_000_000);
        _ledger.Confirmations["w1"].Count.ShouldBe(1);
    }

    [Fact]
    public async Task PayAsync_CrashAfterIntentBeforeSend_WaitsTheWindowThenPaysOnce()
    {
        _store.Add("w1", L1Fixture.Payee.Text, 1_000_000);
        _store.Paying("w1", _l1.Simulator.Height);
        Restart();

        var e = await Should.ThrowAsync<L1Exception>(() => Payer().PayAsync("w1", L1Fixture.Payee.Text, 1_000_000, CancellationToken.None));
        e.Code.ShouldBe(ErrorCodes.L1PayoutInDoubt);
        e.IsTransient.ShouldBeTrue();
        _l1.Simulator.TransfersFrom(L1Fixture.Vault).ShouldBeEmpty();

        _l1.Simulator.ProduceBlocks(Window + 1);
        await Payer().PayAsync("w1", L1Fixture.Payee.Text, 1_000_000, CancellationToken.None);
        AssertPaidOnce("w1", 1_000_000);
    }

    [Fact]
    public async Task PayAsync_CrashAfterSendBeforeRecord_FindsThePayoutAndNeverSendsAgain()
    {
        _store.Add("w1", L1Fixture.Payee.Text, 1_500_000);
        _store.Paying("w1", _l1.Simulator.Height);
        var sent = await _l1.State.TransferAsync(L1Fixture.Payee, 1_500_000, CancellationToken.None); // sent, then killed
        _l1.Simulator.ProduceBlocks(Window * 3); // even long after, it is found rather than paid again
        Restart();

        var record = await Payer().PayAsync("w1", L1Fixture.Payee.Text, 1_500_000, CancellationToken.None);

        record.L1TxHash.ShouldBe(sent.TxHash);
        AssertPaidOnce("w1", 1_500_000);
    }

    [Fact]
    public async Task PayAsync_CrashAfterRecordBeforeConfirm_ConfirmsOnly()
    {
        _store.Add("w1", L1Fixture.Payee.Text, 700);
        _store.Paying("w1", _l1.Simulator.Height);
        var sent = await _l1.State.TransferAsync(L1Fixture.Payee, 700, CancellationToken.None);
        _store.Paid("w1", sent.TxHash);
        Restart();

        await Payer().PayAsync("w1", L1Fixture.Payee.Text, 700, CancellationToken.None);

        _ledger.Confirmations["w1"].ShouldBe([sent.TxHash]);
        AssertPaidOnce("w1", 700);
    }

    [Fact]
    public async Task PayAsync_CrashAfterConfirmBeforeRecord_RepeatsTheIdempotentConfirmOnly()
    {
        var first = await Payer().PayAsync("w1", L1Fixture.Payee.Text, 900, CancellationToken.None);
        Restart();
        _store.Paid("w1", first.L1TxHash!); // the "confirmed" write lost

        await Payer().PayAsync("w1", L1Fixture.Payee.Text, 900, CancellationToken.None);

        _ledger.Confirmations["w1"].ShouldBe([first.L1TxHash!, first.L1TxHash!]);
        AssertPaidOnce("w1", 900);
    }

    [Fact]
    public async Task PayAsync_L1RefusesBeforeSending_StaysPayingThenPaysOnce()
    {
        _l1.Simulator.Options.FailTransfers = 1;

        await Should.ThrowAsync<L1Exception>(() => Payer().PayAsync("w1", L1Fixture.Payee.Text, 1_000, CancellationToken.None));
        _store.Get("w1")!.Status.ShouldBe(WithdrawalStatus.Paying);
        _l1.Simulator.ProduceBlocks(Window + 1);
        await Payer().PayAsync("w1", L1Fixture.Payee.Text, 1_000, CancellationToken.None);

        AssertPaidOnce("w1", 1_000);
    }

    [Fact]
    public async Task PayAsync_TwoWithdrawalsSameAddressAndAmount_TwoPayouts()
    {
        await Payer().PayAsync("w1", L1Fixture.Payee.Text, 500, CancellationToken.None);
        _store.Add("w2", L1Fixture.Payee.Text, 500);
        _store.Paying("w2", 1); // an intent whose window covers w1's payout: w1's hash is attributed, so it is not w2's
        _l1.Simulator.ProduceBlocks(Window + 1);

        var second = await Payer().PayAsync("w2", L1Fixture.Payee.Text, 500, CancellationToken.None);

        second.L1TxHash.ShouldNotBe(_store.Get("w1")!.L1TxHash);
        _l1.Simulator.TransfersFrom(L1Fixture.Vault).Count.ShouldBe(2);
        _l1.Simulator.BalanceOf(L1Fixture.Vault).ShouldBe(Vaulted - 1000);
    }

    [Fact]
    public async Task PayAsync_BadL1Address_FailedNothingPaid()
    {
        var record = await Payer().PayAsync("w1", "foo", 500, CancellationToken.None);

        record.Status.ShouldBe(WithdrawalStatus.Failed);
        record.Reason!.ShouldStartWith("bad-l1-address");
        _l1.Simulator.TransfersFrom(L1Fixture.Vault).ShouldBeEmpty();
        _ledger.Confirmations.ShouldBeEmpty();
    }

    private sealed class CountingConfirmer : IWithdrawalConfirmer
    {
        public Dictionary<string, List<string>> Confirmations { get; } = [];

        public Task ConfirmAsync(string withdrawalTxId, string l1TxHash, CancellationToken cancellationToken)
        {
            if (!Confirmations.TryGetValue(withdrawalTxId, out var list))
            {
                Confirmations[withdrawalTxId] = list = [];
            }

            list.Add(l1TxHash);
            return Task.CompletedTask;
        }
    }
}
