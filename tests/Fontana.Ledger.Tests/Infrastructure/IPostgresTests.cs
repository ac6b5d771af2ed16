namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>Marks a test class whose store is PostgreSQL.</summary>
public interface IPostgresTests
{
}
