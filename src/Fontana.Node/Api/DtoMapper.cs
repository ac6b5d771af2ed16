using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Receipts;
using Fontana.Core.Transactions;
using Fontana.Ledger;

namespace Fontana.Node.Api;

/// <summary>Ledger values → the Core.Api wire DTOs (hex hashes, decimal utia strings, base64 bytes).</summary>
internal static class DtoMapper
{
    public static HeaderDto Header(BlockHeader header) => new(
        header.Height,
        header.Hash.ToString(),
        header.PreviousHash.ToString(),
        header.Timestamp,
        header.TxCount,
        header.TxRoot.ToString(),
        header.StateRoot.ToString(),
        Convert.ToHexStringLower(header.Signature.Span),
        Convert.ToBase64String(BlockHeaderCodec.Encode(header)));

    public static ReceiptDto Receipt(ProvisionalReceipt receipt) => new(
        receipt.TxId.ToString(), receipt.Sequence, receipt.AcceptedAt, Convert.ToHexStringLower(receipt.SequencerSignature.Span));

    public static BlockDto Block(LedgerBlock block) => new(
        Header(block.Header),
        block.TxIds.Select(t => t.ToString()).ToArray(),
        Status(block.Status),
        block.DaReference);

    public static string Status(BlockStatus status) => status == BlockStatus.Posted ? "posted" : "sealed";

    public static string Status(Fontana.Ledger.TransactionStatus status) => status switch
    {
        Fontana.Ledger.TransactionStatus.Pending => "pending",
        Fontana.Ledger.TransactionStatus.Sealed => "sealed",
        _ => "posted",
    };

    public static TxProofDto TxProof(TransactionProof proof) => new(
        proof.TxId.ToString(),
        proof.Header.Height,
        proof.Header.TxRoot.ToString(),
        (ulong)proof.Proof.LeafIndex,
        (ulong)proof.Proof.TreeSize,
        Convert.ToBase64String(proof.Proof.Encode()));

    public static UtxoProofDto UtxoProof(UtxoProof proof) => new(
        proof.OutPoint.ToString(),
        proof.Header.Height,
        proof.Header.StateRoot.ToString(),
        proof.Key.ToString(),
        proof.IsIncluded,
        proof.Output?.StateValue().ToString(),
        Convert.ToBase64String(proof.Proof.Encode()))
    {
        Header = Header(proof.Header),
    };

    public static UtxoDto Utxo(LedgerUtxo utxo) => new(utxo.OutPoint.ToString(), utxo.Output.Address.ToString(), Utia(utxo.Output.Amount));

    public static UtxoStatusDto UtxoStatus(UtxoStatus status) => new(
        status.OutPoint.ToString(),
        status.State switch
        {
            UtxoState.Unspent => "unspent",
            UtxoState.Spent => "spent",
            _ => "unknown",
        },
        status.Output?.Address.ToString(),
        status.Output is { } o ? Utia(o.Amount) : null,
        status.SpentBy?.ToString());

    public static string Utia(Amount amount) => amount.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The status document of a transaction; the final receipt when it is in a block (with its proof).</summary>
    public static TransactionStatusDto Transaction(LedgerTransaction tx, TransactionProof? proof)
    {
        var receipt = tx.Receipt is { } r ? Receipt(r) : new ReceiptDto(tx.Transaction.TxId.ToString(), 0, 0, string.Empty);
        FinalReceiptDto? final = null;
        if (tx.Block is { } header && proof is not null)
        {
            final = new FinalReceiptDto(receipt, header.Height, header.Hash.ToString(), Header(header), TxProof(proof), tx.DaReference);
        }

        return new TransactionStatusDto(
            tx.Transaction.TxId.ToString(), Status(tx.Status), Convert.ToBase64String(tx.Bytes.Span), receipt, final);
    }

    /// <summary>Every address a transaction touches: its signer and its outputs' owners.</summary>
    public static IEnumerable<Address> Addresses(Transaction tx)
    {
        var seen = new HashSet<Address> { new(tx.Signer) };
        foreach (var output in tx.Outputs)
        {
            seen.Add(output.Address);
        }

        return seen;
    }
}
