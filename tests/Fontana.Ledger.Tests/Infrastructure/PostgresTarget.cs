namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>A PostgreSQL schema of its own (FONTANA_TEST_POSTGRES), dropped afterwards.</summary>
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
