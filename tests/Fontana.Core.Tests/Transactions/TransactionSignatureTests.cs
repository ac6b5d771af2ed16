using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Transactions;

/// <summary>A verified signature is remembered per instance; nothing else inherits it.</summary>
public class TransactionSignatureTests
{
    [Fact]
    public void VerifySignature_VerifiedThenTamperedCopyDecoded_CopyIsFalse()
    {
        var transaction = Signed();
        transaction.VerifySignature().ShouldBeTrue();

        var bytes = TransactionCodec.Encode(transaction);
        bytes[^1] ^= 1;
        var tampered = TransactionCodec.Decode(bytes);

        tampered.TxId.ShouldBe(transaction.TxId, "the signature is not part of the txid");
        tampered.VerifySignature().ShouldBeFalse();
        tampered.VerifySignature().ShouldBeFalse("a failed check is not remembered as a success");
        transaction.VerifySignature().ShouldBeTrue();
    }

    [Fact]
    public void VerifySignature_SignedByAnotherKeyThanTheSigner_IsFalseEveryTime()
    {
        var transaction = Signed();
        var forged = new Transaction(
            transaction.Version, transaction.ChainId, transaction.Kind, transaction.Inputs, transaction.Outputs, transaction.Fee,
            transaction.Memo, transaction.Expiry, transaction.ExternalRef, TestKeys.Bob.PublicKey, transaction.Signature);

        forged.VerifySignature().ShouldBeFalse();
        forged.VerifySignature().ShouldBeFalse();
    }

    private static Transaction Signed() => new TransactionBuilder()
        .WithChainId("fontana-test")
        .AddInput(TestTransactions.Input(1))
        .AddOutput(TestKeys.BobAddress, Amount.FromUtia(5))
        .WithFee(Amount.FromUtia(10))
        .Sign(TestKeys.Alice);
}
