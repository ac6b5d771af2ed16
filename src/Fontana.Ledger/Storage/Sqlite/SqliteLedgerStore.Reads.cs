using Fontana.Core;
using Fontana.Core.Crypto;
using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Storage.Sqlite;

/// <summary>Read side of the SQLite store: every query on its own pooled connection, so it sees committed data only.</summary>
internal sealed partial class SqliteLedgerStore
{
    private const string TxColumns = "seq, txid, kind, bytes, accepted_at, receipt_signature";

    /// <summary>An output by outpoint: its creation sequence is the seq of the transaction with that txid, or 0 for the genesis hash.</summary>
    private const string UtxoByOutPoint =
        "SELECT u.address, u.amount, u.created_seq, s.txid, u.spent_seq FROM utxos u LEFT JOIN transactions s ON s.seq = u.spent_seq "
        + "WHERE u.idx = $i AND u.created_seq = (SELECT seq FROM transactions WHERE txid = $t UNION ALL SELECT 0 FROM chain WHERE genesis_hash = $t LIMIT 1)";
    /// <summary>The same while the txid index is deferred: <c>$s</c> is the txid's seq from the map (null when no transaction has it).</summary>
    private const string UtxoByCreatedSeq =
        "SELECT u.address, u.amount, u.created_seq, s.txid, u.spent_seq FROM utxos u LEFT JOIN transactions s ON s.seq = u.spent_seq "
        + "WHERE u.idx = $i AND u.created_seq = COALESCE($s, (SELECT 0 FROM chain WHERE genesis_hash = $t))";
    private const string BlockColumns = "height, hash, header, first_seq, tx_count, status, da_reference";
    private const string WithdrawalColumns = "txid, seq, l1_address, amount, status, confirm_txid, l1_ref";

    public Task<ChainRecord?> GetChainAsync(CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle(
            "SELECT chain_id, genesis_hash, genesis_bytes FROM chain WHERE id = 1",
            null,
            r => new ChainRecord(r.GetString(0), Hash32.FromBytes((byte[])r[1]), (byte[])r[2])));

    public Task LoadUnspentAsync(Action<OutPoint, PublicKey, Amount, long> sink, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COALESCE(t.txid, c.genesis_hash), u.idx, u.address, u.amount, u.created_seq "
            + "FROM utxos u CROSS JOIN chain c LEFT JOIN transactions t ON t.seq = u.created_seq WHERE u.spent_seq IS NULL";
        using var reader = command.ExecuteReader();
        var txId = new byte[Hash32.Length];
        var key = new byte[PublicKey.Length];
        while (reader.Read())
        {
            reader.GetBytes(0, 0, txId, 0, txId.Length);
            reader.GetBytes(2, 0, key, 0, key.Length);
            var outPoint = new OutPoint(Hash32.FromBytes(txId), checked((ushort)reader.GetInt64(1)));
            sink(outPoint, PublicKey.FromBytes(key), StoreConvert.ToAmount(reader.GetInt64(3)), reader.GetInt64(4));
        }

        return Task.CompletedTask;
    }

    public Task LoadSmtNodesAsync(Action<byte[], byte[]> sink, CancellationToken cancellationToken)
    {
        _nodes.Load(sink);
        return Task.CompletedTask;
    }

    public Task<long> GetLastSeqAsync(CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle("SELECT COALESCE(MAX(seq), 0) FROM transactions", null, r => r.GetInt64(0)));

    public Task<IReadOnlyList<StoredTransaction>> GetTransactionsFromSeqAsync(long fromSeq, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(QueryList(
            $"SELECT {TxColumns} FROM transactions WHERE seq >= $a ORDER BY seq LIMIT $b",
            c =>
            {
                c.Parameters.AddWithValue("$a", fromSeq);
                c.Parameters.AddWithValue("$b", limit);
            },
            ReadTransaction));

    public Task<IReadOnlyList<Hash32>> GetTxIdsAsync(long firstSeq, int count, CancellationToken cancellationToken) =>
        Task.FromResult(QueryList(
            "SELECT txid FROM transactions WHERE seq >= $a AND seq < $b ORDER BY seq",
            c =>
            {
                c.Parameters.AddWithValue("$a", firstSeq);
                c.Parameters.AddWithValue("$b", firstSeq + count);
            },
            r => Hash32.FromBytes((byte[])r[0])));

    public Task<StoredTransaction?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken)
    {
        if (_txIds.TryResolve(txId, out var seq))
        {
            // The txid index is deferred (bulk load): the map says which row, if any.
            return Task.FromResult(seq is { } at
                ? QuerySingle($"SELECT {TxColumns} FROM transactions WHERE seq = $a", c => c.Parameters.AddWithValue("$a", at), ReadTransaction)
                : null);
        }

        return Task.FromResult(QuerySingle(
            $"SELECT {TxColumns} FROM transactions WHERE txid = $a", c => c.Parameters.AddWithValue("$a", txId.ToArray()), ReadTransaction));
    }

    public Task<StoredUtxo?> GetUtxoAsync(OutPoint outPoint, CancellationToken cancellationToken)
    {
        var deferred = _txIds.TryResolve(outPoint.TxId, out var createdSeq);
        return Task.FromResult(QuerySingle(
            deferred ? UtxoByCreatedSeq : UtxoByOutPoint,
            c =>
            {
                c.Parameters.AddWithValue("$t", outPoint.TxId.ToArray());
                c.Parameters.AddWithValue("$i", (long)outPoint.Index);
                if (deferred)
                {
                    c.Parameters.AddWithValue("$s", createdSeq is { } seq ? seq : DBNull.Value);
                }
            },
            r => ReadUtxo(outPoint, r)));
    }

    public Task<StoredBlock?> GetBlockAsync(long height, CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle(
            $"SELECT {BlockColumns} FROM blocks WHERE height = $a", c => c.Parameters.AddWithValue("$a", height), ReadBlock));

    public Task<StoredBlock?> GetLatestBlockAsync(CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle($"SELECT {BlockColumns} FROM blocks ORDER BY height DESC LIMIT 1", null, ReadBlock));

    public Task<StoredBlock?> GetBlockContainingSeqAsync(long seq, CancellationToken cancellationToken)
    {
        var block = QuerySingle(
            $"SELECT {BlockColumns} FROM blocks WHERE first_seq <= $a AND tx_count > 0 ORDER BY first_seq DESC LIMIT 1",
            c => c.Parameters.AddWithValue("$a", seq),
            ReadBlock);
        return Task.FromResult(block is not null && seq < block.FirstSeq + block.TxCount ? block : null);
    }

    public Task<IReadOnlyList<StoredBlock>> GetBlocksAsync(long fromHeight, StoredBlockStatus? status, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(QueryList(
            $"SELECT {BlockColumns} FROM blocks WHERE height >= $a AND ($s IS NULL OR status = $s) ORDER BY height LIMIT $b",
            c =>
            {
                c.Parameters.AddWithValue("$a", fromHeight);
                c.Parameters.AddWithValue("$s", status is { } s ? StoreConvert.ToDb(s) : DBNull.Value);
                c.Parameters.AddWithValue("$b", limit);
            },
            ReadBlock));

    public Task<StoredDeposit?> GetDepositAsync(string l1Ref, CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle(
            "SELECT l1_ref, txid FROM deposits WHERE l1_ref = $a",
            c => c.Parameters.AddWithValue("$a", l1Ref),
            r => new StoredDeposit(r.GetString(0), Hash32.FromBytes((byte[])r[1]))));

    public Task<StoredWithdrawal?> GetWithdrawalAsync(Hash32 txId, CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle(
            $"SELECT {WithdrawalColumns} FROM withdrawals WHERE txid = $a",
            c => c.Parameters.AddWithValue("$a", txId.ToArray()),
            ReadWithdrawal));

    public Task<IReadOnlyList<StoredWithdrawal>> GetPendingWithdrawalsAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult(QueryList(
            $"SELECT {WithdrawalColumns} FROM withdrawals WHERE status = 'pending' ORDER BY seq LIMIT $a",
            c => c.Parameters.AddWithValue("$a", limit),
            ReadWithdrawal));

    public Task LoadBridgeStateAsync(Action<string> deposit, Action<Hash32, bool> withdrawal, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT l1_ref FROM deposits";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                deposit(reader.GetString(0));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT txid, status FROM withdrawals";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                withdrawal(Hash32.FromBytes((byte[])reader[0]), reader.GetString(1) == "confirmed");
            }
        }

        return Task.CompletedTask;
    }

    public Task LoadSessionTransactionsAsync(Action<long, byte[]> sink, CancellationToken cancellationToken)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, bytes FROM transactions WHERE kind >= 5 ORDER BY seq";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            sink(reader.GetInt64(0), (byte[])reader[1]);
        }

        return Task.CompletedTask;
    }

    private static StoredWithdrawal ReadWithdrawal(SqliteDataReader r) => new(
        Hash32.FromBytes((byte[])r[0]),
        r.GetInt64(1),
        r.GetString(2),
        StoreConvert.ToAmount(r.GetInt64(3)),
        r.GetString(4) == "confirmed",
        r.IsDBNull(5) ? null : Hash32.FromBytes((byte[])r[5]),
        r.IsDBNull(6) ? null : r.GetString(6));

    private T? QuerySingle<T>(string sql, Action<SqliteCommand>? bind, Func<SqliteDataReader, T> read)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        using var reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : default;
    }

    private IReadOnlyList<T> QueryList<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }
}
