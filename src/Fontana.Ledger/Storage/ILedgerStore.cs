using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Ledger.Storage;

/// <summary>
/// Durable ledger state (SQLite or PostgreSQL). Writes come only from the ledger's committer, one
/// <see cref="StoreBatch"/> per database transaction; reads may come from any thread and see committed data only.
/// </summary>
internal interface ILedgerStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Kind { get; }

    /// <summary>Creates or upgrades the schema (schema_version table); fails with <c>schema-too-new</c> for a newer store.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<ChainRecord?> GetChainAsync(CancellationToken cancellationToken);

    /// <summary>Writes the chain row and the genesis batch (allocations, block 0) atomically (the genesis tree goes first, through <see cref="WriteStateCheckpointAsync"/>).</summary>
    Task CreateChainAsync(ChainRecord chain, StoreBatch genesis, CancellationToken cancellationToken);

    /// <summary>Writes a batch in one database transaction, durably (fsync) before returning.</summary>
    Task CommitAsync(StoreBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Bulk load (recovery into a new store): stop maintaining the txid unique index row by row until
    /// <see cref="RestoreTxIdIndexAsync"/> or the store's close builds it once; lookups by txid keep working and uniqueness
    /// is still enforced at each commit. A store that does not support it (PostgreSQL) keeps its index.
    /// </summary>
    Task DeferTxIdIndexAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Builds the txid index deferred by <see cref="DeferTxIdIndexAsync"/>; nothing when it is not deferred.</summary>
    Task RestoreTxIdIndexAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Moves the stored state tree to a checkpoint: node rows (puts, and deletes with a null value) plus the
    /// checkpoint's block height and root, in one durable transaction of their own, independent of batch commits
    /// (SQLite keeps the nodes in a second file with its own connection, so this runs in parallel with batch commits).
    /// </summary>
    Task WriteStateCheckpointAsync(IReadOnlyList<SmtNodeRow> rows, long height, Hash32 root, CancellationToken cancellationToken);

    /// <summary>The block height and root of the stored state tree, or null for a store without a chain.</summary>
    Task<(long Height, Hash32 Root)?> GetStateCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Streams every unspent output with its creation sequence number.</summary>
    Task LoadUnspentAsync(Action<OutPoint, PublicKey, Amount, long> sink, CancellationToken cancellationToken);

    /// <summary>Streams every state-tree node.</summary>
    Task LoadSmtNodesAsync(Action<byte[], byte[]> sink, CancellationToken cancellationToken);

    /// <summary>Highest transaction sequence number, 0 when none.</summary>
    Task<long> GetLastSeqAsync(CancellationToken cancellationToken);

    /// <summary>Transactions with <c>seq &gt;= fromSeq</c> in sequence order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredTransaction>> GetTransactionsFromSeqAsync(long fromSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Txids of sequence numbers <paramref name="firstSeq"/> .. +<paramref name="count"/>−1, in order.</summary>
    Task<IReadOnlyList<Hash32>> GetTxIdsAsync(long firstSeq, int count, CancellationToken cancellationToken);

    Task<StoredTransaction?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken);

    Task<StoredUtxo?> GetUtxoAsync(OutPoint outPoint, CancellationToken cancellationToken);

    Task<StoredBlock?> GetBlockAsync(long height, CancellationToken cancellationToken);

    Task<StoredBlock?> GetLatestBlockAsync(CancellationToken cancellationToken);

    /// <summary>The non-empty block whose sequence range holds <paramref name="seq"/>, if sealed.</summary>
    Task<StoredBlock?> GetBlockContainingSeqAsync(long seq, CancellationToken cancellationToken);

    /// <summary>Blocks in height order from <paramref name="fromHeight"/> with the given status, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredBlock>> GetBlocksAsync(long fromHeight, StoredBlockStatus? status, int limit, CancellationToken cancellationToken);

    Task<StoredDeposit?> GetDepositAsync(string l1Ref, CancellationToken cancellationToken);

    Task<StoredWithdrawal?> GetWithdrawalAsync(Hash32 txId, CancellationToken cancellationToken);

    /// <summary>Unconfirmed withdrawals in sequence order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredWithdrawal>> GetPendingWithdrawalsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Streams every session transaction (kinds 5..9) in sequence order: (seq, canonical bytes).</summary>
    Task LoadSessionTransactionsAsync(Action<long, byte[]> sink, CancellationToken cancellationToken);

    /// <summary>Streams every deposit reference and every withdrawal's (txid, confirmed) for the writer's in-memory checks.</summary>
    Task LoadBridgeStateAsync(Action<string> deposit, Action<Hash32, bool> withdrawal, CancellationToken cancellationToken);
}
