namespace Fontana.AspNetCore.Tests.Support;

/// <summary>A PostgreSQL schema of this test's own (FONTANA_TEST_POSTGRES), dropped afterwards.</summary>
internal sealed class PostgresSchema : IAsyncDisposable
{
    public static string? ConnectionString => Fontana.Testing.TestPostgres.ConnectionString;

    public string Name { get; } = "paid_calls_" + Guid.NewGuid().ToString("N")[..12];

    public async ValueTask DisposeAsync() => await Fontana.Testing.TestPostgres.DropSchemaAsync(ConnectionString!, Name);
}
