using Fontana.Core;
using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Storage.Sqlite;

/// <summary>
/// The <c>transactions_txid</c> unique index of a SQLite store, which a bulk load (recovery into a new store) may
/// defer: txids are random, so inserting them batch by batch rewrote most of the index's leaf pages at every commit
/// (the largest store cost of a 1M-payment replay); built once at the end, SQLite sorts them and writes each page once.
/// While deferred, txid lookups go through an in-memory txid → seq map of every row (filled before the index is dropped
/// and after each commit), so the ledger's rules see exactly what the index would show. The index is rebuilt at close,
/// and <see cref="Ensure"/> at every open rebuilds it after a crash in the middle (docs/ledger.md "Bulk load").
/// </summary>
internal sealed class SqliteTxIdIndex
{
    private const string Create = "CREATE UNIQUE INDEX IF NOT EXISTS transactions_txid ON transactions (txid);";

    private readonly Lock _lock = new();
    private Dictionary<Hash32, long>? _seqByTxId;

    /// <summary>True while the index is dropped and lookups use the map. Read without the lock: the map is only set by
    /// <see cref="Defer"/> and cleared by <see cref="Restore"/>, both on the writer under the store's write lock, so
    /// the common case (no bulk load) costs one volatile read per commit and lookup.</summary>
    public bool IsDeferred => Volatile.Read(ref _seqByTxId) is not null;

    /// <summary>Creates the index if it is missing (a store killed during a bulk load). Writer connection, at open.</summary>
    public static void Ensure(SqliteConnection writer) => Execute(writer, Create);

    /// <summary>Maps every stored txid, then drops the index. Writer connection, under the store's write lock.</summary>
    public void Defer(SqliteConnection writer)
    {
        var map = new Dictionary<Hash32, long>();
        using (var read = writer.CreateCommand())
        {
            read.CommandText = "SELECT txid, seq FROM transactions";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                map.Add(Hash32.FromBytes((byte[])reader[0]), reader.GetInt64(1));
            }
        }

        lock (_lock)
        {
            _seqByTxId = map;
        }

        Execute(writer, "DROP INDEX IF EXISTS transactions_txid;");
    }

    /// <summary>
    /// While deferred, what the unique index would have refused: a txid already stored, or twice in the batch (its rows
    /// are in txid order). Call inside the batch's transaction, before the commit; throws to roll it back.
    /// </summary>
    public void CheckUnique(List<StoredTransaction> rowsByTxId)
    {
        if (!IsDeferred)
        {
            return;
        }

        lock (_lock)
        {
            if (_seqByTxId is not { } map)
            {
                return;
            }

            for (var i = 0; i < rowsByTxId.Count; i++)
            {
                var row = rowsByTxId[i];
                if (map.ContainsKey(row.TxId) || (i > 0 && rowsByTxId[i - 1].TxId == row.TxId))
                {
                    throw new InvalidOperationException($"store invariant broken: transaction {row.TxId} would be stored twice (seq {row.Seq})");
                }
            }
        }
    }

    /// <summary>Records the rows of a batch once its commit returned.</summary>
    public void Committed(List<StoredTransaction> rows)
    {
        if (!IsDeferred)
        {
            return;
        }

        lock (_lock)
        {
            if (_seqByTxId is not { } map)
            {
                return;
            }

            foreach (var row in rows)
            {
                map.Add(row.TxId, row.Seq);
            }
        }
    }

    /// <summary>
    /// While deferred: true, with the txid's seq or null when no row has it. Otherwise false (query the index).
    /// </summary>
    public bool TryResolve(Hash32 txId, out long? seq)
    {
        if (!IsDeferred)
        {
            seq = null;
            return false;
        }

        lock (_lock)
        {
            if (_seqByTxId is not { } map)
            {
                seq = null;
                return false;
            }

            seq = map.TryGetValue(txId, out var found) ? found : null;
            return true;
        }
    }

    /// <summary>Builds the index (one sort of all txids) and drops the map. Writer connection, under the store's write lock.</summary>
    public void Restore(SqliteConnection writer)
    {
        if (!IsDeferred)
        {
            return;
        }

        Execute(writer, Create);
        lock (_lock)
        {
            _seqByTxId = null;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
