using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Transactions;

public class TransactionBuilderTests
{
    [Fact]
    public void Sign_SetsEveryFieldAndTheSigner()
    {
        var input = TestTransactions.Input(1);
        var memo = Hash32.Compute("challenge"u8);

        var transaction = new TransactionBuilder()
            .WithChainId("fontana-test")
            .WithKind(TransactionKind.Withdrawal)
            .AddInput(input)
            .AddInput(input.TxId, 9)
            .AddOutput(TestKeys.BobAddress, Amount.FromUtia(5))
            .WithFee(Amount.FromUtia(10))
            .WithMemo(memo)
            .WithExpiry(1_800_000_000)
            .WithExternalRef("celestia1dest")
            .Sign(TestKeys.Alice);

        transaction.Version.ShouldBe(Transaction.CurrentVersion);
        transaction.ChainId.ShouldBe("fontana-test");
        transaction.Kind.ShouldBe(TransactionKind.Withdrawal);
        transaction.Inputs.ShouldBe([input, new OutPoint(input.TxId, 9)]);
        transaction.Outputs.ShouldBe([new TxOutput(TestKeys.BobAddress, Amount.FromUtia(5))]);
        transaction.Fee.ShouldBe(Amount.FromUtia(10));
        transaction.Memo.ToArray().ShouldBe(memo.ToArray());
        transaction.Expiry.ShouldBe(1_800_000_000UL);
        transaction.ExternalRef.ShouldBe("celestia1dest");
        transaction.Signer.ShouldBe(TestKeys.Alice.PublicKey);
        transaction.VerifySignature().ShouldBeTrue();
    }

    [Fact]
    public void Sign_WithoutChainId_Throws()
    {
        Should.Throw<InvalidOperationException>(() => new TransactionBuilder().AddInput(TestTransactions.Input(0)).Sign(TestKeys.Alice))
            .Message.ShouldContain("chain id");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Fontana")]
    [InlineData("fontana_test")]
    [InlineData("a-chain-id-that-is-33-chars-long1")]
    public void WithChainId_Invalid_Throws(string chainId)
    {
        Should.Throw<ArgumentException>(() => new TransactionBuilder().WithChainId(chainId)).Message.ShouldContain("[a-z0-9-]");
    }

    [Fact]
    public void Limits_ExceededAtTheOffendingCall_Throw()
    {
        var builder = new TransactionBuilder("fontana-test");
        foreach (var input in TestTransactions.Inputs(TransactionCodec.MaxInputs))
        {
            builder.AddInput(input);
        }

        Should.Throw<InvalidOperationException>(() => builder.AddInput(TestTransactions.Input(999)));
        Should.Throw<ArgumentException>(() => builder.WithMemo(new byte[65]));
        Should.Throw<ArgumentException>(() => builder.WithExternalRef(new string('€', 43))); // 129 UTF-8 bytes
        Should.Throw<ArgumentException>(() => builder.WithExternalRef("\ud800")); // lone surrogate
        Should.Throw<ArgumentOutOfRangeException>(() => builder.WithKind((TransactionKind)10));
        builder.WithExternalRef(new string('€', 42)); // 126 bytes: fine

        var outputs = new TransactionBuilder("fontana-test");
        foreach (var output in TestTransactions.Outputs(TransactionCodec.MaxOutputs))
        {
            outputs.AddOutput(output);
        }

        Should.Throw<InvalidOperationException>(() => outputs.AddOutput(TestKeys.BobAddress, Amount.FromUtia(1)));
    }

    [Fact]
    public void Sign_OverSixteenKiB_Throws()
    {
        var builder = new TransactionBuilder("fontana-test");
        foreach (var input in TestTransactions.Inputs(256))
        {
            builder.AddInput(input);
        }

        foreach (var output in TestTransactions.Outputs(256))
        {
            builder.AddOutput(output);
        }

        Should.Throw<InvalidOperationException>(() => builder.Sign(TestKeys.Alice)).Message.ShouldContain("16384");
    }

    [Fact]
    public void TransactionSign_WithAnotherKey_Throws()
    {
        var transaction = TestTransactions.Make();
        Should.Throw<ArgumentException>(() => transaction.Sign(TestKeys.Bob));
    }

    [Fact]
    public void GetSigningMessage_IsDomainTagChainIdAndTxId()
    {
        var transaction = TestTransactions.Make();
        var expected = "fontana/tx/v1"u8.ToArray()
            .Append((byte)"fontana-test".Length)
            .Concat("fontana-test"u8.ToArray())
            .Concat(transaction.TxId.ToArray())
            .ToArray();

        transaction.GetSigningMessage().ShouldBe(expected);
        TestKeys.Alice.PublicKey.Verify(expected, transaction.Signature.Span).ShouldBeTrue();
    }

    [Fact]
    public void Constructor_CopiesItsInputs()
    {
        var inputs = new List<OutPoint> { TestTransactions.Input(1) };
        var memo = new byte[] { 1, 2, 3 };
        var transaction = new Transaction(1, "fontana-test", TransactionKind.Transfer, inputs, [], Amount.Zero, memo, 0, "", TestKeys.Alice.PublicKey, default);
        var txId = transaction.TxId;

        inputs.Add(TestTransactions.Input(2));
        memo[0] = 9;

        transaction.Inputs.Count.ShouldBe(1);
        transaction.Memo.Span[0].ShouldBe((byte)1);
        TransactionCodec.EncodeBody(transaction).ShouldSatisfyAllConditions(body => Hash32.Compute(body).ShouldBe(txId));
        transaction.Signature.ToArray().ShouldBe(new byte[64]);
    }

    [Fact]
    public void TryGetOutputTotal_SumsOutputsAndFee()
    {
        var transaction = TestTransactions.Make(outputs: TestTransactions.Outputs(2), fee: Amount.FromUtia(10));
        transaction.TryGetOutputTotal(out var total).ShouldBeTrue();
        total.ShouldBe(Amount.FromUtia(1000 + 1001 + 10));
    }
}
