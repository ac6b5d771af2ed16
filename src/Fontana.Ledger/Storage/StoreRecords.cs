using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Ledger.Storage;

/// <summary>The chain row: the genesis the store was created with.</summary>
internal sealed record ChainRecord(string ChainId, Hash32 GenesisHash, byte[] GenesisBytes);

/// <summary>An applied transaction with its provisional receipt fields.</summary>
internal sealed record StoredTransaction(
    Hash32 TxId, long Seq, byte Kind, byte[] Bytes, long AcceptedAtMs, byte[] ReceiptSignature);

/// <summary>A new output written by a batch; already spent when a later transaction of the same batch spent it.</summary>
internal readonly record struct NewUtxo(OutPoint OutPoint, PublicKey Owner, Amount Amount, long CreatedSeq, Hash32? SpentBy = null, long SpentSeq = 0);

/// <summary>
/// An output spent by a batch; <paramref name="CreatedSeq"/> is the sequence number of the transaction that created it
/// (0 for genesis allocations), <paramref name="Owner"/> its owner (for the address index, not stored).
/// </summary>
internal readonly record struct UtxoSpend(OutPoint OutPoint, long CreatedSeq, Hash32 SpentBy, long SpentSeq, PublicKey Owner);

/// <summary>An output as stored, spent or not.</summary>
internal sealed record StoredUtxo(OutPoint OutPoint, PublicKey Owner, Amount Amount, long CreatedSeq, Hash32? SpentBy, long? SpentSeq);

/// <summary>A sealed block.</summary>
internal sealed record StoredBlock(
    long Height, Hash32 Hash, byte[] HeaderBytes, long FirstSeq, int TxCount, StoredBlockStatus Status, string? DaReference);

/// <summary>Block status as stored (0 sealed, 1 posted).</summary>
internal enum StoredBlockStatus
{
    Sealed = 0,
    Posted = 1,
}

/// <summary>A processed L1 deposit (one per L1 reference).</summary>
internal sealed record StoredDeposit(string L1Ref, Hash32 TxId);

/// <summary>A withdrawal (burn) and its confirmation, if any.</summary>
internal sealed record StoredWithdrawal(
    Hash32 TxId, long Seq, string L1Address, Amount Amount, bool Confirmed, Hash32? ConfirmTxId, string? L1Ref);

/// <summary>A withdrawal confirmation written by a batch.</summary>
internal readonly record struct WithdrawalConfirmation(Hash32 WithdrawalTxId, Hash32 ConfirmTxId, string L1Ref);

/// <summary>A block posted to DA.</summary>
internal readonly record struct PostedMark(long Height, string DaReference);

/// <summary>A sparse-Merkle-tree node row: key and value are opaque bytes of the node store.</summary>
internal readonly record struct SmtNodeRow(byte[] Key, byte[]? Value);
