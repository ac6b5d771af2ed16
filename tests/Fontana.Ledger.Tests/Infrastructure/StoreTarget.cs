using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>A fresh, isolated store for one test: a SQLite file in its own directory, or a PostgreSQL schema of its own.</summary>
public abstract class StoreTarget : IAsyncDisposable
{
    public abstract string Kind { get; }

    /// <summary>Points <paramref name="options"/> at this store.</summary>
    public abstract LedgerOptions Configure(LedgerOptions options);

    /// <summary>Arguments for the crash child process: kind and location.</summary>
    public abstract string[] ChildArguments();

    internal ILedgerStore CreateStore() => LedgerHost.CreateStore(Configure(new LedgerOptions()));

    /// <summary>Runs raw SQL against the store (to corrupt or age it on purpose).</summary>
    public abstract Task ExecuteAsync(string sql);

    public abstract ValueTask DisposeAsync();
}

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

public sealed class PostgresTarget : StoreTarget
{
    public PostgresTarget() => Schema = "t_" + Guid.NewGuid().ToString("N");

    public static string? ConnectionString => Environment.GetEnvironmentVariable("FONTANA_TEST_POSTGRES");

    public string Schema { get; }

    public override string Kind => "postgres";

    public override LedgerOptions Configure(LedgerOptions options)
    {
        options.Store = LedgerStoreKind.Postgres;
        options.PostgresConnectionString = ConnectionString ?? throw new InvalidOperationException(StoreFactDiscoverer.SkipReason);
        options.PostgresSchema = Schema;
        return options;
    }

    public override string[] ChildArguments() => ["postgres", ConnectionString!, Schema];

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString + ";Search Path=" + Schema);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
