using Fontana.Core.Blocks;
using Fontana.Core.Receipts;
using Fontana.Core.Transactions;

namespace Fontana.Ledger;

/// <summary>An applied transaction: its canonical bytes, the provisional receipt and where it is (pending, sealed, posted).</summary>
/// <param name="Transaction">The decoded transaction.</param>
/// <param name="Bytes">Its canonical encoding.</param>
/// <param name="Receipt">Null only for transactions replayed from DA by a ledger without the sequencer key.</param>
/// <param name="Status">Pending, sealed or posted.</param>
/// <param name="Block">The header of the block holding it, once sealed.</param>
/// <param name="IndexInBlock">Its position in the block (the tx-root leaf index), once sealed.</param>
/// <param name="DaReference">Where the block was posted, once posted.</param>
public sealed record LedgerTransaction(
    Transaction Transaction,
    ReadOnlyMemory<byte> Bytes,
    ProvisionalReceipt? Receipt,
    TransactionStatus Status,
    BlockHeader? Block,
    int? IndexInBlock,
    string? DaReference);
