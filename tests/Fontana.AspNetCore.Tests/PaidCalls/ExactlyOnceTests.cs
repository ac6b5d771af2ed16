using Fontana.AspNetCore.PaidCalls;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Testing;

namespace Fontana.AspNetCore.Tests.PaidCalls;

/// <summary>Exactly once with the default in-memory store: replays after a restart are refused, never run again.</summary>
public sealed class MemoryExactlyOnceTests : ExactlyOnceScenarios
{
    protected override bool Durable => false;

    protected override void UseStore(PaidCallOptions options) => options.Store = PaidCallStoreKind.Memory;

    [Fact]
    public Task Replay_HundredConcurrentThenAfterRestart_HandlerRanOncePaidOnceRestartRefuses() => HundredConcurrentReplaysThenRestart();

    [Fact]
    public Task Replay_ForAnotherBody_IsRefusedAsDuplicateSettlement() => ReplayForAnotherBodyIsRefused();

    [Fact]
    public Task PaymentIdentifier_NewPaymentSameId_GetsTheStoredResponseAndIsNotSettled() => PaymentIdentifierServesTheStoredCallWithoutSettling();

    [Fact]
    public Task Replay_ResponseTooLarge_ServedOnceReplayRefused() => ResponseTooLargeIsServedOnceAndItsReplayRefused();
}

/// <summary>Exactly once with the SQLite store: a restart keeps the stored responses.</summary>
public sealed class SqliteExactlyOnceTests : ExactlyOnceScenarios
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "fontana-paid-calls", Guid.NewGuid().ToString("N"), "paid-calls.db");

    protected override bool Durable => true;

    protected override void UseStore(PaidCallOptions options)
    {
        options.Store = PaidCallStoreKind.Sqlite;
        options.SqlitePath = _path;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned up with the temp directory.
        }
    }

    [Fact]
    public Task Replay_HundredConcurrentThenAfterRestart_HandlerRanOncePaidOnceEveryReplayGotTheBody() => HundredConcurrentReplaysThenRestart();

    [Fact]
    public Task Replay_ForAnotherBody_IsRefusedAsDuplicateSettlement() => ReplayForAnotherBodyIsRefused();

    [Fact]
    public Task PaymentIdentifier_NewPaymentSameId_GetsTheStoredResponseAndIsNotSettled() => PaymentIdentifierServesTheStoredCallWithoutSettling();
}

/// <summary>Exactly once with the shared PostgreSQL store (a schema of this test's own).</summary>
public sealed class PostgresExactlyOnceTests : ExactlyOnceScenarios
{
    private readonly PostgresSchema _schema = new();

    protected override bool Durable => true;

    protected override void UseStore(PaidCallOptions options)
    {
        options.Store = PaidCallStoreKind.PostgreSql;
        options.ConnectionString = PostgresSchema.ConnectionString;
        options.Schema = _schema.Name;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (PostgresSchema.ConnectionString is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [PostgresFact]
    public Task Replay_HundredConcurrentThenAfterRestart_HandlerRanOncePaidOnceEveryReplayGotTheBody() => HundredConcurrentReplaysThenRestart();

    [PostgresFact]
    public Task Replay_ForAnotherBody_IsRefusedAsDuplicateSettlement() => ReplayForAnotherBodyIsRefused();

    [PostgresFact]
    public Task PaymentIdentifier_NewPaymentSameId_GetsTheStoredResponseAndIsNotSettled() => PaymentIdentifierServesTheStoredCallWithoutSettling();
}
