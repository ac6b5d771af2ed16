using System.Data;
using Fontana.Core;
using Fontana.Core.Crypto;
using Npgsql;

namespace Fontana.Ledger.Storage.Postgres;

/// <summary>
/// The PostgreSQL store (Npgsql). Each batch is one transaction sent as one multi-statement round trip with array
/// parameters; PostgreSQL's default <c>synchronous_commit=on</c> makes the commit durable before it returns.
/// </summary>
internal sealed partial class PostgresLedgerStore : ILedgerStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string? _schema;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">Optional schema to create and use (tables go there; handy for isolated tests).</param>
    public PostgresLedgerStore(string connectionString, string? schema = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(schema))
        {
            if (!IsIdentifier(schema))
            {
                throw new LedgerException(LedgerErrorCodes.InvalidOptions, $"Ledger:PostgresSchema \"{schema}\" must be a plain identifier (a-z, 0-9, _)");
            }

            builder.SearchPath = schema;
            _schema = schema;
        }

        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public string Kind => "postgres";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockTx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, lockTx, "SELECT pg_advisory_xact_lock(7166255)", cancellationToken).ConfigureAwait(false);
            if (_schema is not null)
            {
                await ExecuteAsync(connection, lockTx, $"CREATE SCHEMA IF NOT EXISTS {_schema}", cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(
                connection,
                lockTx,
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL)",
                cancellationToken).ConfigureAwait(false);
            await lockTx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var migration in Migration.All)
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7166255)", cancellationToken).ConfigureAwait(false);
            await using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction);
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (current > Migration.Latest)
            {
                throw new LedgerException(
                    LedgerErrorCodes.SchemaTooNew,
                    $"the PostgreSQL store is at schema version {current}; this build knows up to {Migration.Latest}");
            }

            if (migration.Version <= current)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Postgres, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Description });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CreateChainAsync(ChainRecord chain, StoreBatch genesis, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand(
                "INSERT INTO chain (id, chain_id, genesis_hash, genesis_bytes) VALUES (1, $1, $2, $3)", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = chain.ChainId });
                command.Parameters.Add(new NpgsqlParameter { Value = chain.GenesisHash.ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = chain.GenesisBytes });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await PostgresBatchWriter.WriteAsync(connection, transaction, genesis, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<(long Height, Hash32 Root)?> GetStateCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT height, root FROM state_checkpoint WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), Hash32.FromBytes(reader.GetFieldValue<byte[]>(1)))
            : null;
    }

    public async Task WriteStateCheckpointAsync(IReadOnlyList<SmtNodeRow> rows, long height, Hash32 root, CancellationToken cancellationToken)
    {
        var (puts, deletes) = SmtNodeChanges.Net(rows);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (deletes.Count > 0)
        {
            var command = new NpgsqlBatchCommand("DELETE FROM smt_nodes WHERE key = ANY($1)");
            command.Parameters.Add(new NpgsqlParameter { Value = deletes.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(command);
        }

        if (puts.Count > 0)
        {
            var (keys, values) = (new byte[puts.Count][], new byte[puts.Count][]);
            for (var i = 0; i < puts.Count; i++)
            {
                (keys[i], values[i]) = (puts[i].Key, puts[i].Value!);
            }

            var command = new NpgsqlBatchCommand(
                "INSERT INTO smt_nodes (key, value) SELECT * FROM unnest($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
            command.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(command);
        }

        var checkpoint = new NpgsqlBatchCommand(
            "INSERT INTO state_checkpoint (id, height, root) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET height = EXCLUDED.height, root = EXCLUDED.root");
        checkpoint.Parameters.Add(new NpgsqlParameter { Value = height });
        checkpoint.Parameters.Add(new NpgsqlParameter { Value = root.ToArray() });
        batch.BatchCommands.Add(checkpoint);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(StoreBatch batch, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await PostgresBatchWriter.WriteAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 63 && !char.IsAsciiDigit(name[0]) && !name.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789_");

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Columns: address, amount, created_seq, spender's txid (null when unspent), spent_seq.</summary>
    private static StoredUtxo ReadUtxo(OutPoint outPoint, NpgsqlDataReader r) => new(
        outPoint,
        PublicKey.FromBytes(r.GetFieldValue<byte[]>(0)),
        StoreConvert.ToAmount(r.GetInt64(1)),
        r.GetInt64(2),
        r.IsDBNull(4) ? null : Hash32.FromBytes(r.GetFieldValue<byte[]>(3)),
        r.IsDBNull(4) ? null : r.GetInt64(4));

    private static StoredTransaction ReadTransaction(NpgsqlDataReader r) => new(
        Hash32.FromBytes(r.GetFieldValue<byte[]>(1)),
        r.GetInt64(0),
        (byte)r.GetInt16(2),
        r.GetFieldValue<byte[]>(3),
        r.GetInt64(4),
        r.GetFieldValue<byte[]>(5));

    private static StoredBlock ReadBlock(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        Hash32.FromBytes(r.GetFieldValue<byte[]>(1)),
        r.GetFieldValue<byte[]>(2),
        r.GetInt64(3),
        r.GetInt32(4),
        StoreConvert.ToBlockStatus(r.GetString(5)),
        r.IsDBNull(6) ? null : r.GetString(6));
}
