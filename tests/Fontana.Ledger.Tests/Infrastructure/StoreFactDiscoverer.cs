using Xunit.Abstractions;
using Xunit.Sdk;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests; PostgreSQL ones become skipped test cases when FONTANA_TEST_POSTGRES is unset.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public const string SkipReason = "PostgreSQL tests need FONTANA_TEST_POSTGRES (a connection string); not run";

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        if (typeof(IPostgresTests).IsAssignableFrom(type) && string.IsNullOrEmpty(PostgresTarget.ConnectionString))
        {
            return
            [
                new SkippedTestCase(
                    DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, SkipReason),
            ];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
