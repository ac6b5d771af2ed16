using Fontana.Ledger.Storage;
using Fontana.Ledger.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Tests.Storage;

public sealed class SqliteWalCheckpointerTests : IDisposable
{
    private const int PageSize = 4096;
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-wal-").FullName;

    [Fact]
    public void CheckpointOnce_WalPastTheBound_RewindsTheWalSoItStaysBounded()
    {
        var path = Path.Combine(_directory, "bounded.db");
        using var writer = OpenWriter(path);
        using var checkpointer = new SqliteWalCheckpointer(ConnectionString(path), SqliteSynchronousMode.Full, restartFrames: 256);

        // 20 commits of ~2 MB each (≈ 500 frames each): 40 MB in all, a checkpoint tick after each commit.
        for (var i = 0; i < 20; i++)
        {
            WriteRows(writer, i, rows: 500);
            checkpointer.CheckpointOnce();
        }

        checkpointer.Restarts.ShouldBeGreaterThan(0);
        new FileInfo(path + "-wal").Length.ShouldBeLessThan(8L * 1024 * 1024, "the WAL is reused from its start after a restart");
        Count(writer).ShouldBe(20 * 500);
    }

    [Fact]
    public void CheckpointOnce_WalUnderTheBound_OnlyCopiesPassively()
    {
        var path = Path.Combine(_directory, "small.db");
        using var writer = OpenWriter(path);
        using var checkpointer = new SqliteWalCheckpointer(ConnectionString(path), SqliteSynchronousMode.Full, restartFrames: 1_000_000);
        for (var i = 0; i < 5; i++)
        {
            WriteRows(writer, i, rows: 100);
            checkpointer.CheckpointOnce();
        }

        checkpointer.Restarts.ShouldBe(0);
        Count(writer).ShouldBe(500);
    }

    [Fact]
    public void Control_WithoutCheckpoints_TheWalGrowsWithEveryCommit()
    {
        // The condition the bound exists for: a WAL nobody rewinds keeps every commit's frames.
        var path = Path.Combine(_directory, "unbounded.db");
        using var writer = OpenWriter(path);
        for (var i = 0; i < 20; i++)
        {
            WriteRows(writer, i, rows: 500);
        }

        new FileInfo(path + "-wal").Length.ShouldBeGreaterThan(30L * 1024 * 1024);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();

    private static SqliteConnection OpenWriter(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA wal_autocheckpoint=0;");
        Execute(connection, $"PRAGMA page_size={PageSize};");
        Execute(connection, "CREATE TABLE rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);");
        return connection;
    }

    private static void WriteRows(SqliteConnection connection, int commit, int rows)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO rows (id, payload) VALUES ($id, randomblob(3900))";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        for (var r = 0; r < rows; r++)
        {
            id.Value = (commit * rows) + r;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM rows";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
