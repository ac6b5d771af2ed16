using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Storage.Sqlite;

/// <summary>
/// Copies the ledger file's WAL into the database on a connection and thread of its own, so group commits only append
/// to the WAL. Each tick runs a <c>PASSIVE</c> checkpoint (never waits for the writer); when the WAL has grown past
/// <see cref="RestartFrames"/> it follows with a <c>RESTART</c> checkpoint, which briefly holds the write lock to copy
/// what is left and makes the next commit write from the start of the WAL again.
/// </summary>
/// <remarks>
/// Why: with commits arriving back to back (replay commits 8,192 payments at a time) a passive checkpoint never finds
/// the whole WAL copied at the moment a writer starts, so SQLite never rewinds the WAL and it grew without bound
/// (~980 MB over a 1M-payment replay): every commit then appended to a new part of the file (ext4 block allocation in
/// the kernel) and the WAL index grew with it. With the restart the file stays near the bound and is overwritten in
/// place.
/// </remarks>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    /// <summary>The default bound: 16,384 frames (64 MB of 4 KB pages).</summary>
    public const int DefaultRestartFrames = 16_384;

    private readonly SqliteConnection _connection;

    public SqliteWalCheckpointer(string connectionString, SqliteSynchronousMode synchronous, int restartFrames = DefaultRestartFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(restartFrames);
        RestartFrames = restartFrames;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        Execute($"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()};");

        // A restart waits this long for readers still on the old WAL, then gives up until the next tick.
        Execute("PRAGMA busy_timeout=200;");
    }

    /// <summary>WAL frames above which a tick also restarts the WAL.</summary>
    public int RestartFrames { get; }

    /// <summary>How many restarts completed (the WAL rewound to its start).</summary>
    public long Restarts { get; private set; }

    /// <summary>One tick: a passive checkpoint, then a restart when the WAL is past the bound. Busy is not an error.</summary>
    public void CheckpointOnce()
    {
        var (_, logFrames) = Checkpoint("PASSIVE");
        if (logFrames >= RestartFrames)
        {
            var (busy, _) = Checkpoint("RESTART");
            if (!busy)
            {
                Restarts++;
            }
        }
    }

    /// <summary>Runs <see cref="CheckpointOnce"/> every <paramref name="interval"/> until <paramref name="stop"/>.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    CheckpointOnce();
                }
                catch (SqliteException)
                {
                    // Busy or locked: the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _connection.Dispose();

    private (bool Busy, long LogFrames) Checkpoint(string mode)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1)) : (true, 0);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
