using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>Resubmission is idempotent without a deadline: an applied transaction's receipt comes back after its expiry too.</summary>
public abstract partial class LedgerConformanceTests
{
    [StoreFact]
    public async Task Apply_AppliedTransactionResubmittedAfterItsExpiry_ReturnsTheSameReceipt()
    {
        var ledger = await OpenAsync();
        var tx = ExpiringPay(0, 0, secondsFromNow: 5);
        var first = await ledger.ApplyAsync(tx);
        first.IsAccepted.ShouldBeTrue(first.ToString());

        Time.Advance(TimeSpan.FromMinutes(2));
        var afterExpiry = await ledger.ApplyAsync(TransactionCodec.Encode(tx));
        await ledger.SealAsync();
        await ReopenAsync(ledger);
        var reopened = await OpenAsync();
        var afterRestart = await reopened.ApplyAsync(tx);

        foreach (var result in new[] { afterExpiry, afterRestart })
        {
            result.IsAccepted.ShouldBeTrue(result.ToString());
            result.AlreadyApplied.ShouldBeTrue();
            result.Receipt!.Sequence.ShouldBe(first.Receipt!.Sequence);
            result.Receipt.SequencerSignature.ToArray().ShouldBe(first.Receipt.SequencerSignature.ToArray());
        }

        (await reopened.GetBalanceAsync(Chain.WalletAddress(1))).ShouldBe(Amount.FromUtia(4_001_000));
    }

    [StoreFact]
    public async Task Apply_UnappliedTransactionAfterItsExpiry_IsRejectedAsExpiredAndChangesNothing()
    {
        var ledger = await OpenAsync();
        var tx = ExpiringPay(0, 0, secondsFromNow: 5);
        Time.Advance(TimeSpan.FromMinutes(2));

        var result = await ledger.ApplyAsync(tx);

        result.IsAccepted.ShouldBeFalse();
        result.Code.ShouldBe("expired", result.Detail);
        (await ledger.GetUtxoStatusAsync(Chain.Allocation(0))).State.ShouldBe(UtxoState.Unspent);
    }

    [StoreFact]
    public async Task Apply_ExpiredTransactionWithABadSignature_IsRejectedAsBadSignature()
    {
        var ledger = await OpenAsync();
        var tx = ExpiringPay(0, 0, secondsFromNow: 5);
        (await ledger.ApplyAsync(tx)).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromMinutes(2));
        var tampered = TransactionCodec.Encode(tx);
        tampered[^1] ^= 0x01;

        var result = await ledger.ApplyAsync(tampered);

        result.IsAccepted.ShouldBeFalse();
        result.Code.ShouldBe("bad-signature", result.Detail);
    }

    private Transaction ExpiringPay(int wallet, int k, int secondsFromNow)
    {
        var total = Chain.AllocationAmount(wallet, k).Utia;
        var fee = Chain.MinFee.Utia;
        return new TransactionBuilder(TestChain.ChainId, TransactionKind.Transfer)
            .AddInput(Chain.Allocation(wallet, k))
            .AddOutput(Chain.WalletAddress(1), Amount.FromUtia(1_000))
            .AddOutput(Chain.WalletAddress(wallet), Amount.FromUtia(total - 1_000 - fee))
            .WithFee(Chain.MinFee)
            .WithExpiry((ulong)Time.GetUtcNow().ToUnixTimeSeconds() + (ulong)secondsFromNow)
            .Sign(Chain.Wallets[wallet]);
    }
}
