using Fontana.Ledger.Storage;
using Fontana.Node.Chain;
using Fontana.Node.Options;
using Microsoft.Extensions.Configuration;

namespace Fontana.Node.Tests.Options;

/// <summary><c>Fontana:Store:SqliteSynchronous</c> (docs/node.md, "Durability"): <c>Full</c> unless opted out, and the
/// configured mode reaches the ledger's options (which the SQLite store applies to its connections).</summary>
public sealed class StoreDurabilityOptionsTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fontana-durability-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public void Default_IsFull_AnFsyncPerCommit()
    {
        var options = LedgerOptionsFactory.StoreOnly(Bind([]), TimeProvider.System);

        options.SqliteSynchronous.ShouldBe(SqliteSynchronousMode.Full);
    }

    [Theory]
    [InlineData("Normal", SqliteSynchronousMode.Normal)]
    [InlineData("normal", SqliteSynchronousMode.Normal)]
    [InlineData("Full", SqliteSynchronousMode.Full)]
    public void Configured_ReachesTheLedgerOptions(string value, SqliteSynchronousMode expected)
    {
        var options = LedgerOptionsFactory.StoreOnly(Bind(new() { ["Fontana:Store:SqliteSynchronous"] = value }), TimeProvider.System);

        options.SqliteSynchronous.ShouldBe(expected);
    }

    [Fact]
    public void UnknownValue_FailsNamingTheKey()
    {
        var ex = Should.Throw<InvalidOperationException>(() => Bind(new() { ["Fontana:Store:SqliteSynchronous"] = "sometimes" }));

        ex.Message.ShouldContain("Fontana:Store:SqliteSynchronous");
    }

    private FontanaNodeOptions Bind(Dictionary<string, string?> settings)
    {
        settings["Fontana:DataDir"] = _dataDir;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new FontanaNodeOptions();
        configuration.GetSection(FontanaNodeOptions.SectionName).Bind(options);
        return options;
    }
}
