using Npgsql;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>A PostgreSQL schema of this test's own (FONTANA_TEST_POSTGRES), dropped afterwards.</summary>
internal sealed class PostgresSchema : IAsyncDisposable
{
    public static string? ConnectionString => Fontana.Testing.TestPostgres.ConnectionString;

    public string Name { get; } = "paid_calls_" + Guid.NewGuid().ToString("N")[..12];

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
