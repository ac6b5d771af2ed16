using System.Buffers.Binary;
using Fontana.Core.Receipts;
using Fontana.Core.Tests.Support;

namespace Fontana.Core.Tests.Receipts;

public class ProvisionalReceiptTests
{
    private const string Chain = "fontana-test";
    private static readonly Hash32 TxId = Hash32.Compute("tx"u8);

    [Fact]
    public void Sign_VerifiesForTheSameChainAndKey()
    {
        var receipt = ProvisionalReceipt.Sign(Chain, TxId, 42, 1_700_000_000_123, TestKeys.Sequencer);

        receipt.TxId.ShouldBe(TxId);
        receipt.Sequence.ShouldBe(42UL);
        receipt.AcceptedAt.ShouldBe(1_700_000_000_123UL);
        receipt.Verify(Chain, TestKeys.Sequencer.PublicKey).ShouldBeTrue();
    }

    [Fact]
    public void Verify_AnythingChanged_IsFalse()
    {
        var receipt = ProvisionalReceipt.Sign(Chain, TxId, 42, 1_700_000_000_123, TestKeys.Sequencer);
        var signature = receipt.SequencerSignature;

        receipt.Verify("fontana-other", TestKeys.Sequencer.PublicKey).ShouldBeFalse();
        receipt.Verify("NOT a chain", TestKeys.Sequencer.PublicKey).ShouldBeFalse();
        receipt.Verify(Chain, TestKeys.Alice.PublicKey).ShouldBeFalse();
        new ProvisionalReceipt(Hash32.Compute("other"u8), 42, receipt.AcceptedAt, signature).Verify(Chain, TestKeys.Sequencer.PublicKey).ShouldBeFalse();
        new ProvisionalReceipt(TxId, 43, receipt.AcceptedAt, signature).Verify(Chain, TestKeys.Sequencer.PublicKey).ShouldBeFalse();
        new ProvisionalReceipt(TxId, 42, receipt.AcceptedAt + 1, signature).Verify(Chain, TestKeys.Sequencer.PublicKey).ShouldBeFalse();
        var flipped = signature.ToArray();
        flipped[0] ^= 1;
        new ProvisionalReceipt(TxId, 42, receipt.AcceptedAt, flipped).Verify(Chain, TestKeys.Sequencer.PublicKey).ShouldBeFalse();
    }

    [Fact]
    public void GetSigningMessage_IsDomainChainTxIdSequenceAcceptedAt()
    {
        var message = ProvisionalReceipt.GetSigningMessage(Chain, TxId, 0x0102030405060708, 0x1112131415161718);
        var tag = "fontana/receipt/v1"u8.ToArray();

        message.Length.ShouldBe(tag.Length + 1 + Chain.Length + 32 + 16);
        message[..tag.Length].ShouldBe(tag);
        message[tag.Length].ShouldBe((byte)Chain.Length);
        message.AsSpan(tag.Length + 1 + Chain.Length, 32).ToArray().ShouldBe(TxId.ToArray());
        BinaryPrimitives.ReadUInt64BigEndian(message.AsSpan(message.Length - 16)).ShouldBe(0x0102030405060708UL);
        BinaryPrimitives.ReadUInt64BigEndian(message.AsSpan(message.Length - 8)).ShouldBe(0x1112131415161718UL);
    }

    [Fact]
    public void Constructor_SignatureNot64Bytes_Throws()
    {
        Should.Throw<ArgumentException>(() => new ProvisionalReceipt(TxId, 1, 1, new byte[63]));
    }
}
