using Npgsql;

namespace Fontana.Testing;

/// <summary>The PostgreSQL server the tests may use: <c>FONTANA_TEST_POSTGRES</c>, an Npgsql connection string.</summary>
public static class TestPostgres
{
    /// <summary>The connection string, or null when <c>FONTANA_TEST_POSTGRES</c> is unset or empty.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable("FONTANA_TEST_POSTGRES") is { Length: > 0 } connection ? connection : null;

    /// <summary>Drops a test's own schema and everything in it, if it exists (the test's clean-up).</summary>
    public static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary><see cref="DropSchemaAsync"/> for a synchronous <c>Dispose</c>.</summary>
    public static void DropSchema(string connectionString, string schema) =>
        DropSchemaAsync(connectionString, schema).GetAwaiter().GetResult();
}
