using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Sdk.Payments;

namespace Fontana.Sdk.Receipts;

/// <summary>
/// Offline checks of Fontana receipts: a provisional receipt against the sequencer key, and a final receipt's block
/// header (decoded from its canonical bytes, re-hashed, signature checked) and tx inclusion proof.
/// </summary>
public static class ReceiptVerifier
{
    /// <summary>True when <paramref name="receipt"/> is signed by <paramref name="sequencerKey"/> on <paramref name="chainId"/>.
    /// Never throws on malformed input.</summary>
    public static bool VerifyProvisional(ReceiptDto receipt, string chainId, PublicKey sequencerKey)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        try
        {
            return ReceiptMapper.ToProvisional(receipt).Verify(chainId, sequencerKey);
        }
        catch (ReceiptVerificationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Verifies a final receipt of <paramref name="txId"/>: its provisional receipt's signature; the header decoded from
    /// <see cref="HeaderDto.Encoded"/> is for <paramref name="chainId"/>, hashes to <see cref="FinalReceiptDto.BlockHash"/>, is
    /// signed by <paramref name="sequencerKey"/> and agrees with the JSON fields; and the inclusion proof leads from the
    /// txid to the header's tx root. Returns the verified header.
    /// </summary>
    /// <exception cref="ReceiptVerificationException">With code <c>bad-receipt-signature</c>, <c>bad-header</c> or <c>bad-tx-proof</c>.</exception>
    public static BlockHeader VerifyFinal(FinalReceiptDto final, Hash32 txId, string chainId, PublicKey sequencerKey)
    {
        ArgumentNullException.ThrowIfNull(final);
        var provisional = ReceiptMapper.ToProvisional(final.Receipt);
        if (provisional.TxId != txId || !provisional.Verify(chainId, sequencerKey))
        {
            throw new ReceiptVerificationException(ReceiptVerificationException.BadReceiptSignature, $"the receipt of {txId} is not signed by the sequencer of {chainId}");
        }

        var header = DecodeHeader(final.Header);
        if (header.ChainId != chainId)
        {
            throw BadHeader($"the header is for chain {header.ChainId}, not {chainId}");
        }

        var hash = header.Hash.ToString();
        if (!string.Equals(hash, final.BlockHash, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(hash, final.Header.Hash, StringComparison.OrdinalIgnoreCase))
        {
            throw BadHeader($"the header hashes to {hash}, not {final.BlockHash}");
        }

        if (header.Height != final.BlockHeight || header.Height != final.Header.Height)
        {
            throw BadHeader($"the header is at height {header.Height}, not {final.BlockHeight}");
        }

        if (!header.VerifySignature(sequencerKey))
        {
            throw BadHeader($"block {header.Height} is not signed by the sequencer key {sequencerKey}");
        }

        VerifyTxProof(final.Proof, txId, header);
        return header;
    }

    /// <summary>Checks that <paramref name="proof"/> leads from <paramref name="txId"/> to <paramref name="header"/>'s tx root.</summary>
    /// <exception cref="ReceiptVerificationException">Code <c>bad-tx-proof</c>.</exception>
    public static void VerifyTxProof(TxProofDto proof, Hash32 txId, BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(header);
        if (!string.Equals(proof.TxId, txId.ToString(), StringComparison.OrdinalIgnoreCase) || proof.BlockHeight != header.Height)
        {
            throw BadProof($"the proof is for {proof.TxId} in block {proof.BlockHeight}, not {txId} in block {header.Height}");
        }

        MerkleInclusionProof decoded;
        try
        {
            decoded = MerkleInclusionProof.Decode(Convert.FromBase64String(proof.Proof));
        }
        catch (Exception ex) when (ex is FormatException or MerkleProofFormatException)
        {
            throw BadProof("the proof does not decode: " + ex.Message);
        }

        if ((ulong)decoded.TreeSize != header.TxCount || !decoded.Verify(txId, header.TxRoot))
        {
            throw BadProof($"the proof does not lead from {txId} to the tx root {header.TxRoot} of block {header.Height}");
        }
    }

    private static BlockHeader DecodeHeader(HeaderDto dto)
    {
        try
        {
            return BlockHeaderCodec.Decode(Convert.FromBase64String(dto.Encoded));
        }
        catch (Exception ex) when (ex is FormatException or FontanaFormatException)
        {
            throw BadHeader("the header does not decode: " + ex.Message);
        }
    }

    private static ReceiptVerificationException BadHeader(string message) => new(ReceiptVerificationException.BadHeader, message);

    private static ReceiptVerificationException BadProof(string message) => new(ReceiptVerificationException.BadTxProof, message);
}
