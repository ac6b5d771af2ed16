using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>Every ledger rule broken one at a time: the exact code, and nothing changes.</summary>
public abstract partial class LedgerConformanceTests
{
    [StoreFact]
    public async Task Apply_EachRuleBrokenOnce_RejectsWithItsCodeAndChangesNothing()
    {
        var ledger = await OpenAsync();
        var c = Chain;
        var w0 = c.Wallets[0];
        var a0 = c.WalletAddress(0);
        var a1 = c.WalletAddress(1);
        var min = c.MinFee.Utia;
        const ulong Unit = 1_000_000;

        // Setup: one spent allocation, a deposit, a confirmed withdrawal and a pending one.
        var spender = c.Pay(0, 0, a1, 1_000);
        (await ledger.ApplyAsync(spender)).IsAccepted.ShouldBeTrue();
        (await ledger.ProcessDepositAsync("l1-deposit-1", a0, Amount.FromUtia(5_000))).IsAccepted.ShouldBeTrue();
        var withdrawal = Withdraw(c, 1, 0, L1(1), keep: 0);
        (await ledger.ApplyAsync(withdrawal)).IsAccepted.ShouldBeTrue();
        (await ledger.ProcessWithdrawalConfirmedAsync(withdrawal.TxId, "l1-payout-1")).IsAccepted.ShouldBeTrue();
        var pending = Withdraw(c, 1, 1, L1(2), keep: 0);
        (await ledger.ApplyAsync(pending)).IsAccepted.ShouldBeTrue();
        var before = await SnapshotAsync(ledger);
        var rootBefore = (await ledger.SealAsync()).Header.StateRoot;
        var nowSeconds = (ulong)Time.GetUtcNow().ToUnixTimeSeconds();

        var valid = c.Pay(0, 1, a1, 1_000);
        var validBytes = TransactionCodec.Encode(valid);
        var badSignature = (byte[])validBytes.Clone();
        badSignature[^1] ^= 0x01;
        var cases = new (string Code, object Submission)[]
        {
            ("malformed", new byte[] { 1, 2, 3 }),
            ("malformed", validBytes[..^1]),
            ("bad-signature", badSignature),
            ("wrong-chain", new TransactionBuilder("other-chain").AddInput(c.Allocation(0, 1)).AddOutput(a1, Amount.FromUtia(Unit - min)).WithFee(c.MinFee).Sign(w0)),
            ("duplicate-input", c.Transfer(w0, [c.Allocation(0, 1), c.Allocation(0, 1)], min, (a1, (2 * Unit) - min))),
            ("no-inputs", c.Transfer(w0, [], min, (a1, 5))),
            ("no-outputs", c.Transfer(w0, [c.Allocation(0, 1)], Unit)),
            ("zero-output", c.Transfer(w0, [c.Allocation(0, 1)], min, (a1, 0), (a0, Unit - min))),
            ("amount-overflow", c.Transfer(w0, [c.Allocation(0, 1)], min, (a1, ulong.MaxValue), (a0, 5))),
            ("fee-too-low", c.Transfer(w0, [c.Allocation(0, 1)], min - 1, (a1, Unit - min + 1))),
            ("expired", Build(c, TransactionKind.Transfer).AddInput(c.Allocation(0, 1)).AddOutput(a1, Amount.FromUtia(Unit - min)).WithFee(c.MinFee).WithExpiry(nowSeconds - 1).Sign(w0)),
            ("input-not-found", c.Transfer(w0, [new OutPoint(Hash32.Compute("nothing"u8), 0)], min, (a1, Unit - min))),
            ("input-not-found", c.Transfer(w0, [new OutPoint(c.Genesis.Hash, 60_000)], min, (a1, Unit - min))),
            ("input-spent", c.Transfer(w0, [c.Allocation(0, 0)], min, (a0, Unit - min))),
            ("input-spent", c.Transfer(w0, [c.Allocation(0, 1), c.Allocation(0, 0)], min, (a0, (2 * Unit) - min))),
            ("not-owner", c.Transfer(c.Wallets[1], [c.Allocation(0, 1)], min, (a1, Unit - min))),
            ("value-mismatch", c.Transfer(w0, [c.Allocation(0, 1)], min, (a1, Unit - min - 1))),
            ("value-mismatch", c.Transfer(w0, [c.Allocation(0, 1)], min, (a1, Unit - min + 1))),
            ("value-mismatch", Withdraw(c, 0, 1, L1(3), keep: Unit - min)),
            ("bad-l1-address", Withdraw(c, 0, 1, "foo", keep: 0)),
            ("bad-l1-address", Withdraw(c, 0, 1, L1(3).ToUpperInvariant(), keep: 0)),
            ("bad-l1-address", Withdraw(c, 0, 1, L1(3)[..^1] + (L1(3)[^1] == 'q' ? 'p' : 'q'), keep: 0)),
            ("not-bridge-authority", Build(c, TransactionKind.Deposit).AddOutput(a0, Amount.FromUtia(5)).WithExternalRef("l1-deposit-2").Sign(w0)),
            ("duplicate-deposit", Build(c, TransactionKind.Deposit).AddOutput(a0, Amount.FromUtia(6_000)).WithExternalRef("l1-deposit-1").Sign(c.Bridge)),
            ("not-bridge-authority", Build(c, TransactionKind.WithdrawalConfirmation).WithMemo(pending.TxId).WithExternalRef("l1-payout-2").Sign(w0)),
            ("unknown-withdrawal", Build(c, TransactionKind.WithdrawalConfirmation).WithMemo(valid.TxId).WithExternalRef("l1-payout-2").Sign(c.Bridge)),
            ("withdrawal-already-confirmed", Build(c, TransactionKind.WithdrawalConfirmation).WithMemo(withdrawal.TxId).WithExternalRef("l1-payout-3").Sign(c.Bridge)),
            ("unexpected-fee", Build(c, TransactionKind.Deposit).AddOutput(a0, Amount.FromUtia(5)).WithFee(c.MinFee).WithExternalRef("l1-deposit-3").Sign(c.Bridge)),
        };

        foreach (var (code, submission) in cases)
        {
            var result = submission is byte[] bytes ? await ledger.ApplyAsync(bytes) : await ledger.ApplyAsync((Transaction)submission);

            result.IsAccepted.ShouldBeFalse($"expected {code}");
            result.Code.ShouldBe(code, result.Detail);
            (await SnapshotAsync(ledger)).ShouldBe(before, $"state changed by a rejected transaction ({code})");
        }

        var after = await ledger.SealAsync();
        after.Header.StateRoot.ShouldBe(rootBefore);
        after.Header.TxCount.ShouldBe(0U);
        var accepted = await ledger.ApplyAsync(valid);
        accepted.Receipt!.Sequence.ShouldBe(6UL, "rejections must not consume sequence numbers");
    }

    private static TransactionBuilder Build(TestChain chain, TransactionKind kind) => new(TestChain.ChainId, kind);

    private static string L1(byte n) => Fontana.Core.Bridge.CelestiaAddress.FromBytes(Enumerable.Repeat(n, 20).ToArray()).Text;

    /// <summary>Withdraws allocation (wallet, k) to <paramref name="l1Address"/>, keeping <paramref name="keep"/> as change.</summary>
    private static Transaction Withdraw(TestChain chain, int wallet, int k, string l1Address, ulong keep)
    {
        var builder = Build(chain, TransactionKind.Withdrawal).AddInput(chain.Allocation(wallet, k)).WithFee(chain.MinFee).WithExternalRef(l1Address);
        if (keep > 0)
        {
            builder.AddOutput(chain.WalletAddress(wallet), Amount.FromUtia(keep));
        }

        return builder.Sign(chain.Wallets[wallet]);
    }

    /// <summary>Every unspent output in the store (outpoint, owner, utia), in order.</summary>
    protected async Task<List<string>> SnapshotAsync(LedgerEngine ledger)
    {
        await using var store = Target.CreateStore();
        var rows = new List<string>();
        await store.LoadUnspentAsync((op, owner, amount, _) => rows.Add($"{op} {owner} {amount.Utia}"), default);
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
