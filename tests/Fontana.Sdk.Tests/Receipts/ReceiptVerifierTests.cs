using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Core.Receipts;
using Fontana.Sdk.Receipts;

namespace Fontana.Sdk.Tests.Receipts;

public class ReceiptVerifierTests
{
    private const string ChainId = "receipts";
    private static readonly PrivateKey Sequencer = PrivateKey.Generate();

    [Fact]
    public void VerifyFinal_Genuine_ReturnsVerifiedHeader()
    {
        var (final, txId) = BuildFinal(index: 2, count: 5);
        var header = ReceiptVerifier.VerifyFinal(final, txId, ChainId, Sequencer.PublicKey);
        header.Height.ShouldBe(7UL);
    }

    [Fact]
    public void VerifyFinal_SingleTransactionBlock_Verifies()
    {
        var (final, txId) = BuildFinal(index: 0, count: 1);
        ReceiptVerifier.VerifyFinal(final, txId, ChainId, Sequencer.PublicKey).TxCount.ShouldBe(1U);
    }

    [Fact]
    public void VerifyFinal_OtherSequencer_BadReceiptSignature()
    {
        var (final, txId) = BuildFinal(1, 4);
        Code(() => ReceiptVerifier.VerifyFinal(final, txId, ChainId, PrivateKey.Generate().PublicKey)).ShouldBe("bad-receipt-signature");
    }

    [Fact]
    public void VerifyFinal_HeaderSignedByAnotherKey_BadHeader()
    {
        var (final, txId) = BuildFinal(1, 4, headerKey: PrivateKey.Generate());
        Code(() => ReceiptVerifier.VerifyFinal(final, txId, ChainId, Sequencer.PublicKey)).ShouldBe("bad-header");
    }

    [Fact]
    public void VerifyFinal_BlockHashDisagrees_BadHeader()
    {
        var (final, txId) = BuildFinal(1, 4);
        var forged = final with { BlockHash = new string('a', 64) };
        Code(() => ReceiptVerifier.VerifyFinal(forged, txId, ChainId, Sequencer.PublicKey)).ShouldBe("bad-header");
    }

    [Fact]
    public void VerifyFinal_HeaderBytesGarbage_BadHeader()
    {
        var (final, txId) = BuildFinal(1, 4);
        var forged = final with { Header = final.Header with { Encoded = Convert.ToBase64String([1, 2, 3]) } };
        Code(() => ReceiptVerifier.VerifyFinal(forged, txId, ChainId, Sequencer.PublicKey)).ShouldBe("bad-header");
    }

    [Fact]
    public void VerifyFinal_ProofForAnotherLeaf_BadTxProof()
    {
        var (final, txId) = BuildFinal(1, 4);
        var (other, _) = BuildFinal(2, 4);
        var forged = final with { Proof = final.Proof with { Proof = other.Proof.Proof } };
        Code(() => ReceiptVerifier.VerifyFinal(forged, txId, ChainId, Sequencer.PublicKey)).ShouldBe("bad-tx-proof");
    }

    [Fact]
    public void VerifyFinal_ProofNotBase64_BadTxProof()
    {
        var (final, txId) = BuildFinal(1, 4);
        var forged = final with { Proof = final.Proof with { Proof = "%%%" } };
        Code(() => ReceiptVerifier.VerifyFinal(forged, txId, ChainId, Sequencer.PublicKey)).ShouldBe("bad-tx-proof");
    }

    [Fact]
    public void VerifyProvisional_MalformedSignature_FalseNotThrow()
    {
        var receipt = new ReceiptDto(new string('0', 64), 1, 2, "zz");
        ReceiptVerifier.VerifyProvisional(receipt, ChainId, Sequencer.PublicKey).ShouldBeFalse();
    }

    private static string Code(Action action) => Should.Throw<ReceiptVerificationException>(action).Code;

    private static (FinalReceiptDto Final, Hash32 TxId) BuildFinal(int index, int count, PrivateKey? headerKey = null)
    {
        var txIds = new Hash32[count];
        for (var i = 0; i < count; i++)
        {
            txIds[i] = Hash32.Compute([(byte)i, 42]);
        }

        var txId = txIds[index];
        var root = MerkleTree.ComputeRoot(txIds);
        var proof = MerkleTree.CreateProof(txIds, index);
        var header = new BlockHeader(BlockHeader.CurrentVersion, ChainId, 7, Hash32.Compute([6]), 1_700_000_000_000, (uint)count, root, Hash32.Compute([9]))
            .Sign(headerKey ?? Sequencer);
        var provisional = ProvisionalReceipt.Sign(ChainId, txId, 99, 1_700_000_000_000, Sequencer);
        var receipt = new ReceiptDto(txId.ToString(), 99, 1_700_000_000_000, Convert.ToHexStringLower(provisional.SequencerSignature.Span));
        var headerDto = new HeaderDto(
            header.Height, header.Hash.ToString(), header.PreviousHash.ToString(), header.Timestamp, header.TxCount, header.TxRoot.ToString(),
            header.StateRoot.ToString(), Convert.ToHexStringLower(header.Signature.Span), Convert.ToBase64String(BlockHeaderCodec.Encode(header)));
        var proofDto = new TxProofDto(txId.ToString(), header.Height, root.ToString(), (ulong)index, (ulong)count, Convert.ToBase64String(proof.Encode()));
        return (new FinalReceiptDto(receipt, header.Height, header.Hash.ToString(), headerDto, proofDto, null), txId);
    }
}
