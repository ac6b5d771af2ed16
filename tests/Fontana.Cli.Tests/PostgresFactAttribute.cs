namespace Fontana.Cli.Tests;

/// <summary>A fact that needs PostgreSQL: reported as skipped, with the reason, when FONTANA_TEST_POSTGRES is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (SharedWalletProcessesTests.PostgresForTests() is null)
        {
            Skip = "PostgreSQL tests need FONTANA_TEST_POSTGRES (a connection string); not run";
        }
    }
}
