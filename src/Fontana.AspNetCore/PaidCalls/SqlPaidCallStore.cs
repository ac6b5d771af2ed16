using System.Data.Common;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// The paid-call store over SQL (one table, the same statements on SQLite and PostgreSQL). The claim is one
/// <c>INSERT … ON CONFLICT DO NOTHING</c> against the primary key (the challenge) and the unique payment identifier,
/// so two instances sharing the database can never both execute one payment.
/// </summary>
internal abstract class SqlPaidCallStore : IPaidCallStore
{
    private const string Columns = "call_key, payment_id, tx_id, fingerprint, state, lease_until, created_at, status, headers, body, not_stored";

    protected SqlPaidCallStore(string table)
    {
        Table = table;
    }

    protected string Table { get; }

    /// <summary>The table's definition (run once at start-up).</summary>
    protected string CreateTableSql => $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            call_key text PRIMARY KEY,
            payment_id text UNIQUE,
            tx_id text NOT NULL,
            fingerprint text NOT NULL,
            state integer NOT NULL,
            lease_until bigint NOT NULL,
            created_at bigint NOT NULL,
            status integer,
            headers text,
            body {BlobType},
            not_stored text)
        """;

    /// <summary>The column type of binary data (<c>bytea</c> / <c>blob</c>).</summary>
    protected abstract string BlobType { get; }

    /// <summary>An open connection.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public async ValueTask<PaidCallClaim> ClaimAsync(PaidCallRecord candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var inserted = await ExecuteAsync(
                connection,
                $"INSERT INTO {Table} (call_key, payment_id, tx_id, fingerprint, state, lease_until, created_at) " +
                "VALUES (@key, @payment_id, @tx_id, @fingerprint, @state, @lease_until, @created_at) ON CONFLICT DO NOTHING",
                cancellationToken,
                ("key", candidate.Key), ("payment_id", candidate.PaymentId), ("tx_id", candidate.TxId), ("fingerprint", candidate.Fingerprint),
                ("state", (int)candidate.State), ("lease_until", candidate.LeaseUntilMs), ("created_at", candidate.CreatedAtMs)).ConfigureAwait(false);
            if (inserted == 1)
            {
                return new PaidCallClaim(true, candidate);
            }

            var existing = await QueryAsync(connection, "call_key", candidate.Key, cancellationToken).ConfigureAwait(false);
            if (existing is null && candidate.PaymentId is { } id)
            {
                existing = await QueryAsync(connection, "payment_id", id, cancellationToken).ConfigureAwait(false);
            }

            if (existing is not null)
            {
                return new PaidCallClaim(false, existing);
            }

            // The conflicting row was released between the insert and the look-up: try again.
            if (attempt >= 8)
            {
                throw new InvalidOperationException($"paid call {candidate.Key}: the claim kept conflicting with a row that disappeared");
            }
        }
    }

    public async ValueTask<PaidCallRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, "call_key", key, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TakeOverAsync(string key, long expectedLeaseUntilMs, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            $"UPDATE {Table} SET lease_until = @lease_until WHERE call_key = @key AND state = 0 AND lease_until = @expected",
            cancellationToken,
            ("key", key), ("lease_until", leaseUntilMs), ("expected", expectedLeaseUntilMs)).ConfigureAwait(false) == 1;
    }

    public async ValueTask MarkRunningAsync(string key, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection, $"UPDATE {Table} SET state = 1, lease_until = @lease_until WHERE call_key = @key", cancellationToken,
            ("key", key), ("lease_until", leaseUntilMs)).ConfigureAwait(false);
    }

    public async ValueTask CompleteAsync(string key, StoredResponse? response, string? notStoredReason, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            $"UPDATE {Table} SET state = 2, status = @status, headers = @headers, body = @body, not_stored = @not_stored WHERE call_key = @key",
            cancellationToken,
            ("key", key), ("status", response?.Status), ("headers", response is null ? null : StoredHeaders.Serialize(response.Headers)),
            ("body", response?.Body), ("not_stored", notStoredReason)).ConfigureAwait(false);
    }

    public async ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"DELETE FROM {Table} WHERE call_key = @key AND state = 0", cancellationToken, ("key", key)).ConfigureAwait(false);
    }

    public async ValueTask PruneAsync(long createdBeforeMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"DELETE FROM {Table} WHERE created_at < @before", cancellationToken, ("before", createdBeforeMs)).ConfigureAwait(false);
    }

    protected static async Task<int> ExecuteAsync(
        DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<PaidCallRecord?> QueryAsync(DbConnection connection, string column, string value, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT {Columns} FROM {Table} WHERE {column} = @value", [("value", value)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var record = new PaidCallRecord(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            (PaidCallState)reader.GetInt32(4),
            reader.GetInt64(5),
            reader.GetInt64(6))
        {
            NotStoredReason = reader.IsDBNull(10) ? null : reader.GetString(10),
        };
        return reader.IsDBNull(7)
            ? record
            : record with
            {
                Response = new StoredResponse(
                    reader.GetInt32(7), StoredHeaders.Deserialize(reader.GetString(8)), reader.IsDBNull(9) ? [] : (byte[])reader.GetValue(9)),
            };
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
