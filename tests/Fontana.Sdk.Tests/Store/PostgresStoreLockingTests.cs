using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Store;
using Npgsql;

namespace Fontana.Sdk.Tests.Store;

/// <summary>PostgreSQL stores opened by many processes at once: the migration lock is per schema, a new schema is created
/// under it, and contention errors get their own code instead of <c>store-corrupt</c>.</summary>
public class PostgresStoreLockingTests
{
    private static readonly Address Wallet = new(PrivateKey.Generate().PublicKey);

    [PostgresFact]
    public async Task OpenPostgres_EightConnectionsOpenTheSameNewSchemaAtOnce_AllOpenMigratedOnce()
    {
        using var target = new StoreTarget(StoreTarget.Postgres);
        using var start = new ManualResetEventSlim();
        var opens = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            using var store = target.Open(Wallet);
            return store.SchemaVersion;
        })).ToArray();

        start.Set();
        var versions = await Task.WhenAll(opens);

        versions.ShouldAllBe(v => v == StoreSchema.Latest);
        Scalar($"SELECT COUNT(*) FROM \"{target.Schema}\".schema_version").ShouldBe((long)StoreSchema.Latest);
    }

    [PostgresFact]
    public async Task OpenPostgres_AnotherSchemaIsMigrating_OpensWithoutWaitingAndTheSameSchemaWaits()
    {
        using var busy = new StoreTarget(StoreTarget.Postgres);
        using var other = new StoreTarget(StoreTarget.Postgres);
        await using var holder = new NpgsqlConnection(StoreTarget.PostgresConnection);
        await holder.OpenAsync();
        await using var migrating = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7130013, hashtext(@s))", holder, migrating))
        {
            take.Parameters.AddWithValue("s", busy.Schema);
            await take.ExecuteNonQueryAsync();
        }

        // Another schema's store opens while busy's migration lock is held (with one database-wide lock it waited here).
        using (var store = await Task.Run(() => other.Open(Wallet)).WaitAsync(TimeSpan.FromSeconds(60)))
        {
            store.SchemaVersion.ShouldBe(StoreSchema.Latest);
        }

        // The same schema waits for the lock (seen in pg_locks, not by timing), then opens once it is released.
        var waiting = Task.Run(() => busy.Open(Wallet));
        await Eventually.TrueAsync(
            () => Scalar("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 7130013") is > 0L,
            TimeSpan.FromSeconds(60),
            "the second open waits on the schema's migration lock");
        waiting.IsCompleted.ShouldBeFalse();
        await migrating.CommitAsync();
        using var opened = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        opened.SchemaVersion.ShouldBe(StoreSchema.Latest);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.LockNotAvailable)]
    public void Translate_PostgresContention_StoreLockedNotCorrupt(string sqlState)
    {
        var error = WalletStore.Translate(new PostgresException("deadlock detected", "ERROR", "ERROR", sqlState), "db/x");

        error.Code.ShouldBe("store-locked");
        error.Message.ShouldContain("retry");
    }

    [Theory]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.ConnectionFailure)]
    public void Translate_ServerCannotServeNow_StoreUnavailable(string sqlState) =>
        WalletStore.Translate(new PostgresException("no", "FATAL", "FATAL", sqlState), "db/x").Code.ShouldBe("store-unavailable");

    [Fact]
    public void Translate_OtherServerError_StoreCorrupt() =>
        WalletStore.Translate(new PostgresException("column x does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedColumn), "db/x")
            .Code.ShouldBe("store-corrupt");

    private static object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(StoreTarget.PostgresConnection);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
