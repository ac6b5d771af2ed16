using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Store;

namespace Fontana.Sdk.Tests.Monitor;

/// <summary><c>check-for-proofs</c> on both engines, time driven by a fake clock.</summary>
public sealed class ProofCheckerTests
{
    public static TheoryData<string> Engines => StoreTarget.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_SealedPayment_FinalReceiptVerifiedAndStored(string engine)
    {
        using var f = new MonitorFixture(engine);
        var payment = f.Pay(PaymentState.Settled);
        f.Node.Applied(payment.TxId, f.Final(payment.TxId));
        f.Time.Advance(f.Options.ProofRetryDelay + TimeSpan.FromSeconds(1));

        (await f.Monitor.Proofs.RunOnceAsync()).ShouldBe(1);

        var stored = f.Store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Settled);
        stored.FinalReceipt.ShouldNotBeNull();
        stored.FinalReceipt.ShouldContain(payment.TxId.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_JustSettled_NotAskedBeforeTheRetryDelay(string engine)
    {
        using var f = new MonitorFixture(engine);
        var payment = f.Pay(PaymentState.Settled);
        f.Node.Applied(payment.TxId, f.Final(payment.TxId));

        (await f.Monitor.Proofs.RunOnceAsync()).ShouldBe(0);

        f.Node.Lookups.ShouldBe(0);
        f.Store.GetPayment(payment.TxId)!.FinalReceipt.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_NeverSealed_UnprovenAfterMaxAttemptsOneAttemptPerDelay(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.MaxProofAttempts = 3);
        var payment = f.Pay(PaymentState.Settled);
        f.Node.Applied(payment.TxId); // applied, never sealed

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            f.StateOf(payment).ShouldBe(PaymentState.Settled);
            f.Time.Advance(f.Options.ProofRetryDelay + TimeSpan.FromSeconds(1));
            await f.Monitor.Proofs.RunOnceAsync();

            // A second run within the delay asks nothing.
            await f.Monitor.Proofs.RunOnceAsync();
            f.Node.Lookups.ShouldBe(attempt);
        }

        var stored = f.Store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Unproven);
        stored.ProofAttempts.ShouldBe(3);
        stored.Detail.ShouldBe("not sealed in a block yet");
        f.Time.Advance(TimeSpan.FromHours(1));
        (await f.Monitor.Proofs.RunOnceAsync()).ShouldBe(0);
        f.Node.Lookups.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_ForgedFinalReceipt_NotStoredUnprovenWithTheVerificationCode(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.MaxProofAttempts = 1);
        var payment = f.Pay(PaymentState.Settled);
        f.Node.Applied(payment.TxId, f.Final(payment.TxId, headerKey: Fontana.Core.Crypto.PrivateKey.Generate()));
        f.Time.Advance(f.Options.ProofRetryDelay + TimeSpan.FromSeconds(1));

        await f.Monitor.Proofs.RunOnceAsync();

        var stored = f.Store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Unproven);
        stored.FinalReceipt.ShouldBeNull();
        stored.Detail!.ShouldStartWith("bad-header");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_NodeUnreachable_RunFailsNoAttemptCounted(string engine)
    {
        using var f = new MonitorFixture(engine, o => o.MaxProofAttempts = 1);
        var payment = f.Pay(PaymentState.Settled);
        f.Time.Advance(f.Options.ProofRetryDelay + TimeSpan.FromSeconds(1));
        f.Node.Unreachable = true;

        (await f.Monitor.Proofs.RunOnceAsync()).ShouldBe(-1);

        f.Monitor.Proofs.Failures.ShouldBe(1);
        var stored = f.Store.GetPayment(payment.TxId)!;
        stored.State.ShouldBe(PaymentState.Settled);
        stored.ProofAttempts.ShouldBe(0);

        f.Node.Unreachable = false;
        f.Node.Applied(payment.TxId, f.Final(payment.TxId));
        (await f.Monitor.Proofs.RunOnceAsync()).ShouldBe(1);
        f.Store.GetPayment(payment.TxId)!.FinalReceipt.ShouldNotBeNull();
    }
}
