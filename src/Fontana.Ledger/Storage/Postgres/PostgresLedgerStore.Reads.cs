using Fontana.Core;
using Fontana.Core.Crypto;
using Npgsql;

namespace Fontana.Ledger.Storage.Postgres;

/// <summary>Read side of the PostgreSQL store (pooled connections, committed data only).</summary>
internal sealed partial class PostgresLedgerStore
{
    private const string TxColumns = "seq, txid, kind, bytes, accepted_at, receipt_signature";

    /// <summary>An output by outpoint: its creation sequence is the seq of the transaction with that txid, or 0 for the genesis hash.</summary>
    private const string UtxoByOutPoint =
        "SELECT u.address, u.amount, u.created_seq, s.txid, u.spent_seq FROM utxos u LEFT JOIN transactions s ON s.seq = u.spent_seq "
        + "WHERE u.idx = $2 AND u.created_seq = (SELECT seq FROM transactions WHERE txid = $1 UNION ALL SELECT 0 FROM chain WHERE genesis_hash = $1 LIMIT 1)";
    private const string BlockColumns = "height, hash, header, first_seq, tx_count, status, da_reference";
    private const string WithdrawalColumns = "txid, seq, l1_address, amount, status, confirm_txid, l1_ref";

    public Task<ChainRecord?> GetChainAsync(CancellationToken cancellationToken) =>
        QuerySingleAsync(
            "SELECT chain_id, genesis_hash, genesis_bytes FROM chain WHERE id = 1",
            [],
            r => new ChainRecord(r.GetString(0), Hash32.FromBytes(r.GetFieldValue<byte[]>(1)), r.GetFieldValue<byte[]>(2)),
            cancellationToken);

    public async Task LoadUnspentAsync(Action<OutPoint, PublicKey, Amount, long> sink, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT COALESCE(t.txid, c.genesis_hash), u.idx, u.address, u.amount, u.created_seq "
            + "FROM utxos u CROSS JOIN chain c LEFT JOIN transactions t ON t.seq = u.created_seq WHERE u.spent_seq IS NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sink(
                new OutPoint(Hash32.FromBytes(reader.GetFieldValue<byte[]>(0)), checked((ushort)reader.GetInt32(1))),
                PublicKey.FromBytes(reader.GetFieldValue<byte[]>(2)),
                StoreConvert.ToAmount(reader.GetInt64(3)),
                reader.GetInt64(4));
        }
    }

    public async Task LoadSmtNodesAsync(Action<byte[], byte[]> sink, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT key, value FROM smt_nodes");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sink(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    public async Task<long> GetLastSeqAsync(CancellationToken cancellationToken) =>
        await QuerySingleAsync("SELECT COALESCE(MAX(seq), 0) FROM transactions", [], r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);

    public Task<IReadOnlyList<StoredTransaction>> GetTransactionsFromSeqAsync(long fromSeq, int limit, CancellationToken cancellationToken) =>
        QueryListAsync($"SELECT {TxColumns} FROM transactions WHERE seq >= $1 ORDER BY seq LIMIT $2", [fromSeq, (long)limit], ReadTransaction, cancellationToken);

    public Task<IReadOnlyList<Hash32>> GetTxIdsAsync(long firstSeq, int count, CancellationToken cancellationToken) =>
        QueryListAsync(
            "SELECT txid FROM transactions WHERE seq >= $1 AND seq < $2 ORDER BY seq",
            [firstSeq, firstSeq + count],
            r => Hash32.FromBytes(r.GetFieldValue<byte[]>(0)),
            cancellationToken);

    public Task<StoredTransaction?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {TxColumns} FROM transactions WHERE txid = $1", [txId.ToArray()], ReadTransaction, cancellationToken);

    public Task<StoredUtxo?> GetUtxoAsync(OutPoint outPoint, CancellationToken cancellationToken) =>
        QuerySingleAsync(UtxoByOutPoint, [outPoint.TxId.ToArray(), (int)outPoint.Index], r => ReadUtxo(outPoint, r), cancellationToken);

    public Task<StoredBlock?> GetBlockAsync(long height, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {BlockColumns} FROM blocks WHERE height = $1", [height], ReadBlock, cancellationToken);

    public Task<StoredBlock?> GetLatestBlockAsync(CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {BlockColumns} FROM blocks ORDER BY height DESC LIMIT 1", [], ReadBlock, cancellationToken);

    public async Task<StoredBlock?> GetBlockContainingSeqAsync(long seq, CancellationToken cancellationToken)
    {
        var block = await QuerySingleAsync(
            $"SELECT {BlockColumns} FROM blocks WHERE first_seq <= $1 AND tx_count > 0 ORDER BY first_seq DESC LIMIT 1",
            [seq],
            ReadBlock,
            cancellationToken).ConfigureAwait(false);
        return block is not null && seq < block.FirstSeq + block.TxCount ? block : null;
    }

    public Task<IReadOnlyList<StoredBlock>> GetBlocksAsync(long fromHeight, StoredBlockStatus? status, int limit, CancellationToken cancellationToken) =>
        status is { } s
            ? QueryListAsync(
                $"SELECT {BlockColumns} FROM blocks WHERE height >= $1 AND status = $2 ORDER BY height LIMIT $3",
                [fromHeight, StoreConvert.ToDb(s), (long)limit],
                ReadBlock,
                cancellationToken)
            : QueryListAsync(
                $"SELECT {BlockColumns} FROM blocks WHERE height >= $1 ORDER BY height LIMIT $2",
                [fromHeight, (long)limit],
                ReadBlock,
                cancellationToken);

    public Task<StoredDeposit?> GetDepositAsync(string l1Ref, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            "SELECT l1_ref, txid FROM deposits WHERE l1_ref = $1",
            [l1Ref],
            r => new StoredDeposit(r.GetString(0), Hash32.FromBytes(r.GetFieldValue<byte[]>(1))),
            cancellationToken);

    public Task<StoredWithdrawal?> GetWithdrawalAsync(Hash32 txId, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {WithdrawalColumns} FROM withdrawals WHERE txid = $1", [txId.ToArray()], ReadWithdrawal, cancellationToken);

    public Task<IReadOnlyList<StoredWithdrawal>> GetPendingWithdrawalsAsync(int limit, CancellationToken cancellationToken) =>
        QueryListAsync(
            $"SELECT {WithdrawalColumns} FROM withdrawals WHERE status = 'pending' ORDER BY seq LIMIT $1", [(long)limit], ReadWithdrawal, cancellationToken);

    public async Task LoadBridgeStateAsync(Action<string> deposit, Action<Hash32, bool> withdrawal, CancellationToken cancellationToken)
    {
        await using (var command = _dataSource.CreateCommand("SELECT l1_ref FROM deposits"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deposit(reader.GetString(0));
            }
        }

        await using (var command = _dataSource.CreateCommand("SELECT txid, status FROM withdrawals"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                withdrawal(Hash32.FromBytes(reader.GetFieldValue<byte[]>(0)), reader.GetString(1) == "confirmed");
            }
        }
    }

    public async Task LoadSessionTransactionsAsync(Action<long, byte[]> sink, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT seq, bytes FROM transactions WHERE kind >= 5 ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sink(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    private static StoredWithdrawal ReadWithdrawal(NpgsqlDataReader r) => new(
        Hash32.FromBytes(r.GetFieldValue<byte[]>(0)),
        r.GetInt64(1),
        r.GetString(2),
        StoreConvert.ToAmount(r.GetInt64(3)),
        r.GetString(4) == "confirmed",
        r.IsDBNull(5) ? null : Hash32.FromBytes(r.GetFieldValue<byte[]>(5)),
        r.IsDBNull(6) ? null : r.GetString(6));

    private async Task<T?> QuerySingleAsync<T>(string sql, object[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : default;
    }

    private async Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, object[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(read(reader));
        }

        return list;
    }
}
