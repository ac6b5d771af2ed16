using Xunit.Sdk;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>
/// A fact that runs against a store. In a test class implementing <see cref="IPostgresTests"/> it is reported as
/// skipped (with the reason) when FONTANA_TEST_POSTGRES is not set.
/// </summary>
[XunitTestCaseDiscoverer("Fontana.Ledger.Tests.Infrastructure.StoreFactDiscoverer", "Fontana.Ledger.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}

