namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>A SQLite file in a directory of its own.</summary>
public sealed class SqliteTarget : StoreTarget
{
    public SqliteTarget()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fontana-ledger-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "ledger.db");

    public override string Kind => "sqlite";

    public override LedgerOptions Configure(LedgerOptions options)
    {
        options.Store = LedgerStoreKind.Sqlite;
        options.SqlitePath = DatabasePath;
        return options;
    }

    public override string[] ChildArguments() => ["sqlite", DatabasePath];

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + DatabasePath);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
