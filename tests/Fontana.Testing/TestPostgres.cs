namespace Fontana.Testing;

/// <summary>The PostgreSQL server the tests may use: <c>FONTANA_TEST_POSTGRES</c>, an Npgsql connection string.</summary>
public static class TestPostgres
{
    /// <summary>The connection string, or null when <c>FONTANA_TEST_POSTGRES</c> is unset or empty.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable("FONTANA_TEST_POSTGRES") is { Length: > 0 } connection ? connection : null;
}
