using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Core.Tests.Validation;

/// <summary>The invalid-transaction table: each stateless rule broken on its own gives exactly its code.</summary>
public class TransactionValidatorTests
{
    private static readonly Dictionary<string, Func<Transaction>> Cases = new()
    {
        ["version-2"] = () => TestTransactions.Make(version: 2),
        ["version-0"] = () => TestTransactions.Make(version: 0),
        ["other-chain"] = () => TestTransactions.Make(chainId: "fontana-other"),
        ["257-inputs"] = () => TestTransactions.Make(inputs: TestTransactions.Inputs(257)),
        ["257-outputs"] = () => TestTransactions.Make(outputs: TestTransactions.Outputs(257)),
        ["65-byte-memo"] = () => TestTransactions.Make(memo: new byte[65]),
        ["129-byte-external-ref"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: new string('x', 129)),
        ["127-two-byte-chars-external-ref"] = () => TestTransactions.Make(TransactionKind.Deposit, externalRef: new string('é', 65)),
        ["over-16-kib"] = () => TestTransactions.Make(inputs: TestTransactions.Inputs(256), outputs: TestTransactions.Outputs(256)),
        ["expired"] = () => TestTransactions.Make(expiry: TestTransactions.Now - 1),
        ["transfer-no-inputs"] = () => TestTransactions.Make(inputs: []),
        ["transfer-no-outputs"] = () => TestTransactions.Make(outputs: []),
        ["transfer-external-ref"] = () => TestTransactions.Make(externalRef: "l1:something"),
        ["withdrawal-no-inputs"] = () => TestTransactions.Make(TransactionKind.Withdrawal, inputs: []),
        ["withdrawal-no-external-ref"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: string.Empty),
        ["withdrawal-l1-address-foo"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: "foo"),
        ["withdrawal-l1-address-checksum"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: "celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t6"),
        ["withdrawal-l1-address-bech32m"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: "celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn8qsxwk"),
        ["withdrawal-l1-address-32-bytes"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: "celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0s3w7j49"),
        ["withdrawal-l1-address-upper-case"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: "CELESTIA1QQQSYQCYQ5RQWZQFPG9SCRGWPUGPZYSNJUQ2T5"),
        ["withdrawal-l1-address-padded"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: " celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t5"),
        ["withdrawal-fontana-address"] = () => TestTransactions.Make(TransactionKind.Withdrawal, externalRef: TestKeys.BobAddress.ToString()),
        ["deposit-with-input"] = () => TestTransactions.Make(TransactionKind.Deposit, inputs: TestTransactions.Inputs(1)),
        ["deposit-no-outputs"] = () => TestTransactions.Make(TransactionKind.Deposit, outputs: []),
        ["deposit-with-fee"] = () => TestTransactions.Make(TransactionKind.Deposit, fee: Amount.FromUtia(1)),
        ["deposit-no-external-ref"] = () => TestTransactions.Make(TransactionKind.Deposit, externalRef: string.Empty),
        ["confirmation-with-input"] = () => TestTransactions.Make(TransactionKind.WithdrawalConfirmation, inputs: TestTransactions.Inputs(1)),
        ["confirmation-with-output"] = () => TestTransactions.Make(TransactionKind.WithdrawalConfirmation, outputs: TestTransactions.Outputs(1)),
        ["confirmation-with-fee"] = () => TestTransactions.Make(TransactionKind.WithdrawalConfirmation, fee: Amount.FromUtia(1)),
        ["confirmation-31-byte-memo"] = () => TestTransactions.Make(TransactionKind.WithdrawalConfirmation, memo: new byte[31]),
        ["confirmation-empty-memo"] = () => TestTransactions.Make(TransactionKind.WithdrawalConfirmation, memo: []),
        ["confirmation-no-external-ref"] = () => TestTransactions.Make(TransactionKind.WithdrawalConfirmation, externalRef: string.Empty),
        ["transfer-zero-output"] = () => TestTransactions.Make(outputs: [.. TestTransactions.Outputs(2), new TxOutput(TestKeys.BobAddress, Amount.Zero)]),
        ["withdrawal-zero-change"] = () => TestTransactions.Make(TransactionKind.Withdrawal, outputs: TestTransactions.Outputs(1, utia: 0)),
        ["deposit-zero-output"] = () => TestTransactions.Make(TransactionKind.Deposit, outputs: TestTransactions.Outputs(1, utia: 0)),
        ["outputs-overflow"] = () => TestTransactions.Make(outputs: [new(TestKeys.BobAddress, Amount.MaxValue), new(TestKeys.BobAddress, Amount.FromUtia(1))]),
        ["outputs-plus-fee-overflow"] = () => TestTransactions.Make(outputs: [new(TestKeys.BobAddress, Amount.MaxValue)], fee: TestTransactions.MinFee),
        ["transfer-fee-below-minimum"] = () => TestTransactions.Make(fee: Amount.FromUtia(9)),
        ["withdrawal-fee-below-minimum"] = () => TestTransactions.Make(TransactionKind.Withdrawal, fee: Amount.Zero),
        ["duplicate-input-pair"] = () => TestTransactions.Make(inputs: [TestTransactions.Input(1), TestTransactions.Input(2), TestTransactions.Input(1)]),
        ["duplicate-input-among-100"] = () => TestTransactions.Make(inputs: [.. TestTransactions.Inputs(99), TestTransactions.Input(42)]),
        ["withdrawal-duplicate-input"] = () => TestTransactions.Make(TransactionKind.Withdrawal, inputs: [TestTransactions.Input(5), TestTransactions.Input(5)]),
        ["signature-flipped"] = () => WithSignature(TestTransactions.Make(), s => s[10] ^= 0x40),
        ["signature-zero"] = () => WithSignature(TestTransactions.Make(), s => Array.Clear(s)),
        ["signed-by-other-key"] = () => WithSignature(TestTransactions.Make(), s => TestKeys.Bob.Sign(TestTransactions.Make().GetSigningMessage()).CopyTo(s, 0)),
        ["signed-over-txid-without-domain"] = () => WithSignature(TestTransactions.Make(), s => TestKeys.Alice.Sign(TestTransactions.Make().TxId.ToArray()).CopyTo(s, 0)),
        ["deposit-not-signed"] = () => WithSignature(TestTransactions.Make(TransactionKind.Deposit), Array.Clear),
    };

    public static TheoryData<string, string> Table() => new()
    {
        { "version-2", "unsupported-version" },
        { "version-0", "unsupported-version" },
        { "other-chain", "wrong-chain" },
        { "257-inputs", "too-many-inputs" },
        { "257-outputs", "too-many-outputs" },
        { "65-byte-memo", "memo-too-long" },
        { "129-byte-external-ref", "external-ref-too-long" },
        { "127-two-byte-chars-external-ref", "external-ref-too-long" },
        { "over-16-kib", "too-large" },
        { "expired", "expired" },
        { "transfer-no-inputs", "no-inputs" },
        { "transfer-no-outputs", "no-outputs" },
        { "transfer-external-ref", "unexpected-external-ref" },
        { "withdrawal-no-inputs", "no-inputs" },
        { "withdrawal-no-external-ref", "missing-external-ref" },
        { "withdrawal-l1-address-foo", "bad-l1-address" },
        { "withdrawal-l1-address-checksum", "bad-l1-address" },
        { "withdrawal-l1-address-bech32m", "bad-l1-address" },
        { "withdrawal-l1-address-32-bytes", "bad-l1-address" },
        { "withdrawal-l1-address-upper-case", "bad-l1-address" },
        { "withdrawal-l1-address-padded", "bad-l1-address" },
        { "withdrawal-fontana-address", "bad-l1-address" },
        { "deposit-with-input", "unexpected-inputs" },
        { "deposit-no-outputs", "no-outputs" },
        { "deposit-with-fee", "unexpected-fee" },
        { "deposit-no-external-ref", "missing-external-ref" },
        { "confirmation-with-input", "unexpected-inputs" },
        { "confirmation-with-output", "unexpected-outputs" },
        { "confirmation-with-fee", "unexpected-fee" },
        { "confirmation-31-byte-memo", "bad-memo" },
        { "confirmation-empty-memo", "bad-memo" },
        { "confirmation-no-external-ref", "missing-external-ref" },
        { "transfer-zero-output", "zero-output" },
        { "withdrawal-zero-change", "zero-output" },
        { "deposit-zero-output", "zero-output" },
        { "outputs-overflow", "amount-overflow" },
        { "outputs-plus-fee-overflow", "amount-overflow" },
        { "transfer-fee-below-minimum", "fee-too-low" },
        { "withdrawal-fee-below-minimum", "fee-too-low" },
        { "duplicate-input-pair", "duplicate-input" },
        { "duplicate-input-among-100", "duplicate-input" },
        { "withdrawal-duplicate-input", "duplicate-input" },
        { "signature-flipped", "bad-signature" },
        { "signature-zero", "bad-signature" },
        { "signed-by-other-key", "bad-signature" },
        { "signed-over-txid-without-domain", "bad-signature" },
        { "deposit-not-signed", "bad-signature" },
    };

    [Fact]
    public void Table_CoversEveryCase()
    {
        Table().Select(row => (string)row[0]).Order().ShouldBe(Cases.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Validate_OneRuleBroken_ReturnsItsCode(string caseName, string expectedCode)
    {
        var result = TransactionValidator.Validate(Cases[caseName](), TestTransactions.Context);

        result.IsValid.ShouldBeFalse();
        result.Code.Value.ShouldBe(expectedCode);
        result.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(TransactionKind.Transfer)]
    [InlineData(TransactionKind.Withdrawal)]
    [InlineData(TransactionKind.Deposit)]
    [InlineData(TransactionKind.WithdrawalConfirmation)]
    public void Validate_BaselineOfEachKind_IsValid(TransactionKind kind)
    {
        var result = TransactionValidator.Validate(TestTransactions.Make(kind), TestTransactions.Context);

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Code.IsNone.ShouldBeTrue();
    }

    [Fact]
    public void Validate_AtTheLimits_IsValid()
    {
        var context = TestTransactions.Context;
        Valid(TestTransactions.Make(expiry: TestTransactions.Now), context);
        Valid(TestTransactions.Make(memo: new byte[64], fee: TestTransactions.MinFee), context);
        Valid(TestTransactions.Make(inputs: TestTransactions.Inputs(256), outputs: TestTransactions.Outputs(150)), context);
        Valid(TestTransactions.Make(inputs: TestTransactions.Inputs(16), outputs: TestTransactions.Outputs(256)), context);
        Valid(TestTransactions.Make(TransactionKind.Deposit, externalRef: new string('x', 128)), context);
        Valid(TestTransactions.Make(outputs: [new(TestKeys.BobAddress, Amount.MaxValue - TestTransactions.MinFee)]), context);
        Valid(TestTransactions.Make(TransactionKind.Deposit, outputs: [new(TestKeys.BobAddress, Amount.MaxValue)]), context);
        Valid(TestTransactions.Make(TransactionKind.Withdrawal, fee: Amount.FromUtia(5)), context with { MinFee = Amount.FromUtia(5) });
    }

    [Fact]
    public void Validate_ValidTransaction_DoesNotAllocate()
    {
        var transaction = TestTransactions.Make(inputs: TestTransactions.Inputs(3), outputs: TestTransactions.Outputs(2), memo: new byte[32]);
        var large = TestTransactions.Make(inputs: TestTransactions.Inputs(16), outputs: TestTransactions.Outputs(2));
        var context = TestTransactions.Context;
        TransactionValidator.Validate(transaction, context).IsValid.ShouldBeTrue();
        TransactionValidator.Validate(large, context).IsValid.ShouldBeTrue();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            TransactionValidator.Validate(transaction, context);
            TransactionValidator.Validate(large, context);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void ValidateStructure_BadSignature_IsNotChecked()
    {
        var transaction = Cases["signature-zero"]();

        TransactionValidator.ValidateStructure(transaction, TestTransactions.Context).IsValid.ShouldBeTrue();
        TransactionValidator.Validate(transaction, TestTransactions.Context).Code.ShouldBe(RejectionCode.BadSignature);
    }

    [Fact]
    public void Validate_SignatureFromAnotherChain_IsRejected()
    {
        // Same fields on two chains: the signature of one never verifies on the other.
        var onA = TestTransactions.Make(chainId: "chain-a");
        var onB = TestTransactions.Make(chainId: "chain-b");
        var replayed = new Transaction(
            onB.Version, onB.ChainId, onB.Kind, onB.Inputs, onB.Outputs, onB.Fee, onB.Memo, onB.Expiry, onB.ExternalRef, onB.Signer, onA.Signature);

        TransactionValidator.Validate(replayed, TestTransactions.Context with { ChainId = "chain-b" }).Code.ShouldBe(RejectionCode.BadSignature);
    }

    private static void Valid(Transaction transaction, ValidationContext context)
    {
        var result = TransactionValidator.Validate(transaction, context);
        result.IsValid.ShouldBeTrue(result.ToString());
    }

    private static Transaction WithSignature(Transaction transaction, Action<byte[]> change)
    {
        var signature = transaction.Signature.ToArray();
        change(signature);
        return new Transaction(
            transaction.Version, transaction.ChainId, transaction.Kind, transaction.Inputs, transaction.Outputs, transaction.Fee,
            transaction.Memo, transaction.Expiry, transaction.ExternalRef, transaction.Signer, signature);
    }
}
