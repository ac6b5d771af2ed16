using Xunit;

namespace Fontana.Testing;

/// <summary>
/// A fact that needs PostgreSQL: it runs whenever <c>FONTANA_TEST_POSTGRES</c> holds a connection string (CI always sets
/// it) and is reported as skipped, with the reason, when it does not — never silently absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The skip reason shown when <c>FONTANA_TEST_POSTGRES</c> is unset.</summary>
    public const string SkipReason = "PostgreSQL tests need FONTANA_TEST_POSTGRES (a connection string); not run";

    /// <summary>Skips the fact unless <see cref="TestPostgres.ConnectionString"/> is set.</summary>
    public PostgresFactAttribute()
    {
        if (TestPostgres.ConnectionString is null)
        {
            Skip = SkipReason;
        }
    }
}
