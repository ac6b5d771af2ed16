using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Storage.Sqlite;

/// <summary>
/// The state-tree nodes of a SQLite store, in a second file next to the ledger file (<c>ledger.db</c> →
/// <c>ledger.state.db</c>) with its own writer connection, so node writes never wait for (or delay) batch commits.
/// </summary>
internal sealed class SqliteStateNodeFile : IDisposable
{
    private readonly SqliteConnection _connection;
    /// <summary>Rows per multi-row insert: a checkpoint after a long replay writes the whole tree (millions of rows), and one
    /// statement per row spent more in stepping, resetting and its P/Invokes than in SQLite's B-tree.</summary>
    private const int RowsPerInsert = 64;

    private readonly Lock _lock = new();
    private RawStatement? _put;
    private RawStatement? _putMany;
    private RawStatement? _delete;
    private RawStatement? _checkpoint;

    public SqliteStateNodeFile(string ledgerPath, SqliteSynchronousMode synchronous)
    {
        var full = Path.GetFullPath(ledgerPath);
        var extension = Path.GetExtension(full);
        FilePath = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".state" + (extension.Length == 0 ? ".db" : extension));
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _connection = new SqliteConnection(ConnectionString);
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute($"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()};");
        Execute("PRAGMA cache_size=-131072;");
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public void Migrate()
    {
        lock (_lock)
        {
            Execute("CREATE TABLE IF NOT EXISTS smt_nodes (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;");
            Execute("CREATE TABLE IF NOT EXISTS state_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), height INTEGER NOT NULL, root BLOB NOT NULL);");
            _checkpoint ??= new RawStatement(_connection, "INSERT OR REPLACE INTO state_checkpoint (id, height, root) VALUES (1, ?1, ?2)");
            _put ??= new RawStatement(_connection, "INSERT OR REPLACE INTO smt_nodes (key, value) VALUES (?1, ?2)");
            _putMany ??= new RawStatement(_connection, "INSERT OR REPLACE INTO smt_nodes (key, value) VALUES "
                + string.Join(", ", Enumerable.Range(0, RowsPerInsert).Select(i => $"(?{(2 * i) + 1}, ?{(2 * i) + 2})")));
            _delete ??= new RawStatement(_connection, "DELETE FROM smt_nodes WHERE key = ?1");
        }
    }

    /// <summary>Writes node rows (in order) and the checkpoint record in one durable transaction.</summary>
    public void Write(IReadOnlyList<SmtNodeRow> rows, long height, ReadOnlySpan<byte> root)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var puts = 0; // consecutive puts not yet written, ending at the current row: written in order, deletes between them
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].Value is null)
                {
                    WritePuts(rows, i - puts, puts);
                    puts = 0;
                    _delete!.Bind(1, rows[i].Key).Execute();
                }
                else if (++puts == RowsPerInsert)
                {
                    WritePuts(rows, i + 1 - puts, puts);
                    puts = 0;
                }
            }

            WritePuts(rows, rows.Count - puts, puts);
            _checkpoint!.Bind(1, height).Bind(2, root).Execute();
            transaction.Commit();
        }
    }

    /// <summary>Writes the <paramref name="count"/> puts from <paramref name="start"/>: one multi-row insert for a full chunk.</summary>
    private void WritePuts(IReadOnlyList<SmtNodeRow> rows, int start, int count)
    {
        if (count == RowsPerInsert)
        {
            for (var j = 0; j < count; j++)
            {
                _putMany!.Bind((2 * j) + 1, rows[start + j].Key).Bind((2 * j) + 2, rows[start + j].Value!);
            }

            _putMany!.Execute();
            return;
        }

        for (var j = start; j < start + count; j++)
        {
            _put!.Bind(1, rows[j].Key).Bind(2, rows[j].Value!).Execute();
        }
    }

    public (long Height, byte[] Root)? ReadCheckpoint()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT height, root FROM state_checkpoint WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : null;
    }

    public void Load(Action<byte[], byte[]> sink)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM smt_nodes";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            sink((byte[])reader[0], (byte[])reader[1]);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _put?.Dispose();
            _putMany?.Dispose();
            _delete?.Dispose();
            _checkpoint?.Dispose();
            try
            {
                Execute("PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException)
            {
            }

            _connection.Dispose();
        }

        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
