using Fontana.Core;
using Fontana.Core.Crypto;
using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. One writer connection (prepared statements, one transaction
/// per batch, <c>synchronous=FULL</c> by default so a commit is on disk when it returns); reads use pooled connections.
/// </summary>
internal sealed partial class SqliteLedgerStore : ILedgerStore
{
    private readonly string _connectionString;
    private readonly SqliteSynchronousMode _synchronous;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SqliteStateNodeFile _nodes;
    private readonly SqliteTxIdIndex _txIds = new();
    private SqliteBatchWriter? _batchWriter;
    private SqliteWalCheckpointer? _walCheckpointer;
    private Task? _checkpointer;

    public SqliteLedgerStore(string path, SqliteSynchronousMode synchronous = SqliteSynchronousMode.Full)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _synchronous = synchronous;
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode=WAL;");
        Execute(_writer, $"PRAGMA synchronous={_synchronous.ToString().ToUpperInvariant()};");
        Execute(_writer, "PRAGMA cache_size=-262144;");
        Execute(_writer, "PRAGMA temp_store=MEMORY;");

        // Checkpoints (copying the WAL into the database file, with its fsync) run on their own connection and
        // thread (SqliteWalCheckpointer, which also keeps the WAL bounded), so group commits only append to the WAL.
        Execute(_writer, "PRAGMA wal_autocheckpoint=0;");
        Execute(_writer, "PRAGMA journal_size_limit=268435456;");
        _nodes = new SqliteStateNodeFile(path, synchronous);
    }

    public string Kind => "sqlite";

    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            Execute(_writer, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL);");
            using (var read = _writer.CreateCommand())
            {
                read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
                var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                if (current > Migration.Latest)
                {
                    throw new LedgerException(
                        LedgerErrorCodes.SchemaTooNew,
                        $"the SQLite store is at schema version {current}; this build knows up to {Migration.Latest}");
                }

                foreach (var migration in Migration.All)
                {
                    if (migration.Version <= current)
                    {
                        continue;
                    }

                    using var transaction = _writer.BeginTransaction(deferred: false);
                    Execute(_writer, migration.Sqlite, transaction);
                    using var record = _writer.CreateCommand();
                    record.Transaction = transaction;
                    record.CommandText = "INSERT INTO schema_version (version, description) VALUES ($v, $d)";
                    record.Parameters.AddWithValue("$v", migration.Version);
                    record.Parameters.AddWithValue("$d", migration.Description);
                    record.ExecuteNonQuery();
                    transaction.Commit();
                }
            }

            // Back after a bulk load that was killed before its close rebuilt it (every open, so nothing reads without it).
            SqliteTxIdIndex.Ensure(_writer);
            _batchWriter ??= new SqliteBatchWriter(_writer);
            _nodes.Migrate();
            if (_checkpointer is null)
            {
                _walCheckpointer = new SqliteWalCheckpointer(_connectionString, _synchronous);
                _checkpointer = Task.Run(() => _walCheckpointer.RunAsync(TimeSpan.FromMilliseconds(250), _stop.Token));
            }
        }

        return Task.CompletedTask;
    }

    public Task CreateChainAsync(ChainRecord chain, StoreBatch genesis, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            using (var command = _writer.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO chain (id, chain_id, genesis_hash, genesis_bytes) VALUES (1, $c, $h, $b)";
                command.Parameters.AddWithValue("$c", chain.ChainId);
                command.Parameters.AddWithValue("$h", chain.GenesisHash.ToArray());
                command.Parameters.AddWithValue("$b", chain.GenesisBytes);
                command.ExecuteNonQuery();
            }

            BatchWriter.Write(genesis);
            transaction.Commit();
        }

        return Task.CompletedTask;
    }

    public Task WriteStateCheckpointAsync(IReadOnlyList<SmtNodeRow> rows, long height, Hash32 root, CancellationToken cancellationToken)
    {
        _nodes.Write(rows, height, root.ToArray());
        return Task.CompletedTask;
    }

    public Task<(long Height, Hash32 Root)?> GetStateCheckpointAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_nodes.ReadCheckpoint() is { } c ? (c.Height, Hash32.FromBytes(c.Root)) : ((long, Hash32)?)null);

    public Task CommitAsync(StoreBatch batch, CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            BatchWriter.Write(batch);
            _txIds.CheckUnique(batch.Transactions);
            transaction.Commit();
            _txIds.Committed(batch.Transactions);
        }

        return Task.CompletedTask;
    }

    public Task DeferTxIdIndexAsync(CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            _txIds.Defer(_writer);
        }

        return Task.CompletedTask;
    }

    public Task RestoreTxIdIndexAsync(CancellationToken cancellationToken)
    {
        lock (_writeLock)
        {
            _txIds.Restore(_writer);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_checkpointer is not null)
        {
            await _checkpointer.ConfigureAwait(false);
        }

        _walCheckpointer?.Dispose();

        SqliteException? restoreFailure = null;
        lock (_writeLock)
        {
            // A bulk load's index is built before the store closes (the ledger usually did it already, beside its last
            // state-tree write); if this throws, the next open tries again (SqliteTxIdIndex.Ensure).
            try
            {
                _txIds.Restore(_writer);
            }
            catch (SqliteException e)
            {
                restoreFailure = e;
            }

            _batchWriter?.Dispose();
            try
            {
                Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException)
            {
                // Readers still open: the WAL stays; the next open recovers it as usual.
            }

            _writer.Dispose();
        }

        _nodes.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        _stop.Dispose();
        if (restoreFailure is not null)
        {
            throw new LedgerException(LedgerErrorCodes.StoreFailure, "building the txid index after a bulk load failed (the next open tries again): " + restoreFailure.Message, restoreFailure);
        }
    }

    private SqliteBatchWriter BatchWriter =>
        _batchWriter ?? throw new InvalidOperationException("MigrateAsync must run before writes");

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Columns: address, amount, created_seq, spender's txid (null when unspent), spent_seq.</summary>
    private static StoredUtxo ReadUtxo(OutPoint outPoint, SqliteDataReader r) => new(
        outPoint,
        PublicKey.FromBytes((byte[])r[0]),
        StoreConvert.ToAmount(r.GetInt64(1)),
        r.GetInt64(2),
        r.IsDBNull(4) ? null : Hash32.FromBytes((byte[])r[3]),
        r.IsDBNull(4) ? null : r.GetInt64(4));

    private static StoredTransaction ReadTransaction(SqliteDataReader r) => new(
        Hash32.FromBytes((byte[])r[1]), r.GetInt64(0), (byte)r.GetInt32(2), (byte[])r[3], r.GetInt64(4), (byte[])r[5]);

    private static StoredBlock ReadBlock(SqliteDataReader r) => new(
        r.GetInt64(0),
        Hash32.FromBytes((byte[])r[1]),
        (byte[])r[2],
        r.GetInt64(3),
        r.GetInt32(4),
        StoreConvert.ToBlockStatus(r.GetString(5)),
        r.IsDBNull(6) ? null : r.GetString(6));
}
