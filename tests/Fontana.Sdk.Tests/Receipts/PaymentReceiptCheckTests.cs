using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Receipts;
using Fontana.Core.X402;
using Fontana.Sdk.Receipts;

namespace Fontana.Sdk.Tests.Receipts;

/// <summary>A paid call's receipt is checked when <see cref="PaymentReceipt.ReceiptVerified"/> is first read.</summary>
public class PaymentReceiptCheckTests
{
    private const string ChainId = "receipts";
    private static readonly PrivateKey Sequencer = PrivateKey.Generate();
    private static readonly Hash32 TxId = Hash32.Compute("payment"u8);

    [Fact]
    public void ReceiptVerified_SignedBySequencer_IsTrue() =>
        Receipt(Signed(TxId, Sequencer)).ReceiptVerified.ShouldBeTrue();

    [Fact]
    public void ReceiptVerified_SignedByAnotherKey_IsFalse()
    {
        using var forger = PrivateKey.Generate();
        Receipt(Signed(TxId, forger)).ReceiptVerified.ShouldBeFalse();
    }

    [Fact]
    public void ReceiptVerified_ReceiptOfAnotherTransaction_IsFalse() =>
        Receipt(Signed(Hash32.Compute("other"u8), Sequencer)).ReceiptVerified.ShouldBeFalse();

    [Fact]
    public void ReceiptVerified_MalformedSignature_IsFalse() =>
        Receipt(Signed(TxId, Sequencer) with { SequencerSignature = "zz" }).ReceiptVerified.ShouldBeFalse();

    [Fact]
    public void ReceiptVerified_ReadTwiceAndCopied_GivesTheSameAnswer()
    {
        var receipt = Receipt(Signed(TxId, Sequencer));

        receipt.ReceiptVerified.ShouldBeTrue();
        receipt.ReceiptVerified.ShouldBeTrue();
        (receipt with { Resource = "/other" }).ReceiptVerified.ShouldBeTrue();
        (receipt with { ReceiptVerified = false }).ReceiptVerified.ShouldBeFalse();
    }

    [Fact]
    public void Equals_DeferredAndKnownWithTheSameResult_AreEqual()
    {
        var dto = Signed(TxId, Sequencer);
        var deferred = Receipt(dto);
        var known = deferred with { ReceiptVerified = true };

        deferred.ShouldBe(known);
        deferred.GetHashCode().ShouldBe(known.GetHashCode());
        (deferred with { ReceiptVerified = false }).ShouldNotBe(known);
    }

    private static ReceiptDto Signed(Hash32 txId, PrivateKey key)
    {
        var provisional = ProvisionalReceipt.Sign(ChainId, txId, 7, 1_700_000_000_000, key);
        return new ReceiptDto(txId.ToString(), 7, 1_700_000_000_000, Convert.ToHexStringLower(provisional.SequencerSignature.Span));
    }

    private static PaymentReceipt Receipt(ReceiptDto dto)
    {
        var address = new Address(Sequencer.PublicKey);
        var settlement = new SettlementResponse { Success = true, Transaction = TxId.ToString(), Network = "fontana:" + ChainId };
        return new PaymentReceipt(
            TxId, "fontana:" + ChainId, address, address, Amount.FromUtia(1000), Amount.FromUtia(100), "/paid", dto,
            ReceiptCheck.Deferred(dto, TxId, ChainId, Sequencer.PublicKey, logger: null), settlement);
    }
}
