using Xunit.Abstractions;
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

/// <summary>Marks a test class whose store is PostgreSQL.</summary>
public interface IPostgresTests
{
}

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

public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    [Obsolete("Called by the de-serializer", error: true)]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string reason)
        : base(sink, display, options, method) => _reason = reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReasonText", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        // Before the base: it initializes the test case, which reads the skip reason.
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
