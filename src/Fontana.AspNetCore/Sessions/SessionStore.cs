using System.Threading.Channels;
using Fontana.Core;
using Fontana.Core.Sessions;
using Microsoft.Data.Sqlite;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The provider's durable session ledger (SQLite, WAL): per session its terms, the latest voucher, what was charged and
/// claimed. Writes go through one writer that commits everything queued in one transaction (group commit); a caller's
/// task completes after its row is committed, so a charge is durable before the response that it pays for leaves.
/// </summary>
internal sealed class SessionStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Channel<(SessionRow Row, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(SessionRow, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;

    public SessionStore(string path, bool synchronousFull)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute($"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(synchronousFull ? "FULL" : "NORMAL")};");
        Execute("""
            CREATE TABLE IF NOT EXISTS provider_sessions (
                session_id BLOB PRIMARY KEY,
                terms BLOB NOT NULL,
                voucher BLOB,
                charged INTEGER NOT NULL,
                claimed INTEGER NOT NULL,
                closed INTEGER NOT NULL) WITHOUT ROWID;
            """);
        AddColumnIfMissing("highest_counter", "INTEGER NOT NULL DEFAULT 0");
        AddColumnIfMissing("authorized", "INTEGER NOT NULL DEFAULT 0");
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Commits <paramref name="row"/> (replacing the session's previous row); completes once durable.</summary>
    public Task SaveAsync(SessionRow row)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((row, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(SessionStore)));
        }

        return done.Task;
    }

    /// <summary>Every stored session (at start-up).</summary>
    public List<SessionRow> LoadAll()
    {
        var rows = new List<SessionRow>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT terms, voucher, charged, claimed, closed, highest_counter, authorized FROM provider_sessions";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new SessionRow(
                SessionTermsCodec.Decode((byte[])reader[0]),
                reader.IsDBNull(1) ? null : SignedVoucher.Read((byte[])reader[1]),
                Amount.FromUtia((ulong)reader.GetInt64(2)),
                Amount.FromUtia((ulong)reader.GetInt64(3)),
                reader.GetInt64(4) != 0)
            {
                HighestCounter = (ulong)reader.GetInt64(5),
                Authorized = Amount.FromUtia((ulong)reader.GetInt64(6)),
            });
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(SessionRow Row, TaskCompletionSource Done)>();
        using var upsert = _connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO provider_sessions (session_id, terms, voucher, charged, claimed, closed, highest_counter, authorized)
            VALUES ($id, $terms, $voucher, $charged, $claimed, $closed, $highest, $authorized)
            ON CONFLICT (session_id) DO UPDATE SET voucher = excluded.voucher, charged = excluded.charged, claimed = excluded.claimed, closed = excluded.closed,
                terms = excluded.terms, highest_counter = excluded.highest_counter, authorized = excluded.authorized
            """;
        var id = upsert.Parameters.Add("$id", SqliteType.Blob);
        var terms = upsert.Parameters.Add("$terms", SqliteType.Blob);
        var voucher = upsert.Parameters.Add("$voucher", SqliteType.Blob);
        var charged = upsert.Parameters.Add("$charged", SqliteType.Integer);
        var claimed = upsert.Parameters.Add("$claimed", SqliteType.Integer);
        var closed = upsert.Parameters.Add("$closed", SqliteType.Integer);
        var highest = upsert.Parameters.Add("$highest", SqliteType.Integer);
        var authorized = upsert.Parameters.Add("$authorized", SqliteType.Integer);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 4096 && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                using var transaction = _connection.BeginTransaction();
                upsert.Transaction = transaction;
                // Later rows of a session supersede earlier ones in the same batch; writing only the last is enough.
                var last = new Dictionary<Hash32, SessionRow>();
                foreach (var (row, _) in batch)
                {
                    last[row.Terms.Id] = row;
                }

                foreach (var row in last.Values)
                {
                    id.Value = row.Terms.Id.ToArray();
                    terms.Value = SessionTermsCodec.Encode(row.Terms);
                    voucher.Value = row.Latest is null ? DBNull.Value : row.Latest.ToArray();
                    charged.Value = (long)row.Charged.Utia;
                    claimed.Value = (long)row.Claimed.Utia;
                    closed.Value = row.Closed ? 1 : 0;
                    highest.Value = (long)row.HighestCounter;
                    authorized.Value = (long)row.Authorized.Utia;
                    upsert.ExecuteNonQuery();
                }

                transaction.Commit();
                foreach (var (_, done) in batch)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>Adds a column a store made by an earlier version lacks (SQLite has no ADD COLUMN IF NOT EXISTS).</summary>
    private void AddColumnIfMissing(string column, string definition)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('provider_sessions') WHERE name = $name";
        command.Parameters.AddWithValue("$name", column);
        if ((long)command.ExecuteScalar()! == 0)
        {
            Execute($"ALTER TABLE provider_sessions ADD COLUMN {column} {definition}");
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A session's row in the provider's store: <see cref="Latest"/> is the newest signed voucher (to claim with);
/// <see cref="HighestCounter"/> and <see cref="Authorized"/> are the newest voucher's of any kind (so a MAC voucher
/// taken before a restart is still a replay after it).</summary>
internal sealed record SessionRow(SessionState Terms, SignedVoucher? Latest, Amount Charged, Amount Claimed, bool Closed)
{
    public ulong HighestCounter { get; init; }

    public Amount Authorized { get; init; }
}
