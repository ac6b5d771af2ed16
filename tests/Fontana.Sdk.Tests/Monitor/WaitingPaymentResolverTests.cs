using Fontana.Core;
using Fontana.Sdk.Monitor;
using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Store;

namespace Fontana.Sdk.Tests.Monitor;

/// <summary><c>send-waiting</c> on both engines: every payment of unknown outcome ends settled or refused, and is
/// re-sent only when the node provably does not have it.</summary>
public sealed class WaitingPaymentResolverTests
{
    public static TheoryData<string> Engines => StoreTarget.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_AppliedByTheNode_SettledWithItsReceipt(string engine)
    {
        using var f = new MonitorFixture(engine);
        var pending = f.Pay(PaymentState.Pending);
        var unknown = f.Pay(PaymentState.Unknown);
        f.Node.Applied(pending.TxId);
        f.Node.Applied(unknown.TxId);
        f.Time.Advance(f.Options.OutcomeMinAge + TimeSpan.FromSeconds(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(2);

        foreach (var payment in new[] { pending, unknown })
        {
            var stored = f.Store.GetPayment(payment.TxId)!;
            stored.State.ShouldBe(PaymentState.Settled);
            stored.Receipt.ShouldNotBeNull();
        }

        f.Node.Submitted.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_YoungerThanMinAge_LeftToItsCall(string engine)
    {
        using var f = new MonitorFixture(engine);
        var payment = f.Pay(PaymentState.Pending);
        f.Node.Applied(payment.TxId);
        f.Time.Advance(f.Options.OutcomeMinAge - TimeSpan.FromSeconds(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(0);

        f.StateOf(payment).ShouldBe(PaymentState.Pending);
        f.Node.Lookups.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_CoinSpentByAnotherTransaction_RefusedNothingSent(string engine)
    {
        using var f = new MonitorFixture(engine);
        var payment = f.Pay(PaymentState.Unknown);
        var other = Hash32.Compute([7, 7]);
        f.Node.Spent(payment.Input, other);
        f.Time.Advance(f.Options.OutcomeMinAge + TimeSpan.FromSeconds(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(1);

        var stored = f.Store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Refused);
        stored.Detail!.ShouldContain(other.ToString());
        f.Node.Submitted.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_AbsentUntilExpiry_WaitsThenRefusedNothingSent(string engine)
    {
        using var f = new MonitorFixture(engine);
        var payment = f.Pay(PaymentState.Pending, expiresIn: TimeSpan.FromMinutes(3));
        f.Time.Advance(f.Options.OutcomeMinAge + TimeSpan.FromSeconds(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(0);
        f.StateOf(payment).ShouldBe(PaymentState.Pending);

        // Past expiry, but within the clock-skew margin: still possible.
        f.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds((long)payment.Expiry) + f.Options.ExpiryMargin - TimeSpan.FromSeconds(1));
        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(0);

        f.Time.Advance(TimeSpan.FromSeconds(2));
        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(1);
        f.Store.GetPayment(payment.TxId)!.Detail.ShouldBe("expired unapplied");
        f.StateOf(payment).ShouldBe(PaymentState.Refused);
        f.Node.Submitted.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_AbsentWithResend_SubmittedOnceAndSettled(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.AbsentPayments = AbsentPaymentAction.Resend);
        var payment = f.Pay(PaymentState.Unknown);
        f.Time.Advance(f.Options.OutcomeMinAge + TimeSpan.FromSeconds(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(1);
        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(0);

        f.Node.Submitted.Count.ShouldBe(1);
        f.Node.Submitted.Single().TxId.ShouldBe(payment.TxId);
        f.StateOf(payment).ShouldBe(PaymentState.Settled);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_AbsentWithResendRefusedByLedger_Refused(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.AbsentPayments = AbsentPaymentAction.Resend);
        var payment = f.Pay(PaymentState.Unknown);
        f.Node.OnSubmit = _ => ScriptedNode.Problem(422, "expired");
        f.Time.Advance(f.Options.OutcomeMinAge + TimeSpan.FromSeconds(1));

        await f.Monitor.Waiting.RunOnceAsync();

        var stored = f.Store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Refused);
        stored.Detail.ShouldBe("re-sent and refused: expired");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_AbsentWithCancel_CoinSpentBackToTheWalletRefused(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.AbsentPayments = AbsentPaymentAction.Cancel);
        var payment = f.Pay(PaymentState.Pending);
        f.Time.Advance(f.Options.OutcomeMinAge + TimeSpan.FromSeconds(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(1);

        var cancel = f.Node.Submitted.Single();
        cancel.TxId.ShouldNotBe(payment.TxId);
        cancel.Inputs.ShouldBe([payment.Input]);
        cancel.Outputs.Single().Address.ShouldBe(f.WalletAddress);
        cancel.Outputs.Single().Amount.ShouldBe(Amount.FromUtia(10_000) - f.Node.MinFee);
        f.StateOf(payment).ShouldBe(PaymentState.Refused);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_CancelLosesTheRaceToThePayment_SettledNotRefused(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.AbsentPayments = AbsentPaymentAction.Cancel);
        var payment = f.Pay(PaymentState.Unknown);
        f.Node.OnSubmit = _ =>
        {
            // The provider's settlement of the payment lands first.
            f.Node.Applied(payment.TxId);
            f.Node.Spent(payment.Input, payment.TxId);
            return ScriptedNode.Problem(409, "input-spent");
        };
        f.Time.Advance(f.Options.OutcomeMinAge + TimeSpan.FromSeconds(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(0);
        f.StateOf(payment).ShouldBe(PaymentState.Unknown);

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(1);
        f.StateOf(payment).ShouldBe(PaymentState.Settled);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_FinalStates_NeverRevisited(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.AbsentPayments = AbsentPaymentAction.Resend);
        var settled = f.Pay(PaymentState.Settled);
        var refused = f.Pay(PaymentState.Refused);
        var unproven = f.Pay(PaymentState.Unproven);
        f.Time.Advance(TimeSpan.FromHours(1));

        (await f.Monitor.Waiting.RunOnceAsync()).ShouldBe(0);

        f.Node.Lookups.ShouldBe(0);
        f.Node.Submitted.ShouldBeEmpty();
        f.StateOf(settled).ShouldBe(PaymentState.Settled);
        f.StateOf(refused).ShouldBe(PaymentState.Refused);
        f.StateOf(unproven).ShouldBe(PaymentState.Unproven);
    }
}
