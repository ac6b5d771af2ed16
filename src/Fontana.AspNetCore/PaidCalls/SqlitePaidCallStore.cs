using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>Paid calls in a SQLite file (WAL, synchronous FULL): they survive a restart of this provider.</summary>
internal sealed class SqlitePaidCallStore : SqlPaidCallStore
{
    private readonly string _connectionString;

    public SqlitePaidCallStore(string path)
        : base("fontana_paid_calls")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; " + CreateTableSql;
        command.ExecuteNonQuery();
    }

    protected override string BlobType => "blob";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA synchronous = FULL", cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
