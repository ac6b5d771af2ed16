using Fontana.Core;
using Fontana.Ledger.Storage;
using Fontana.Ledger.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Tests.Storage;

/// <summary>The bulk load's deferred txid index: while it is dropped, the map refuses what the unique index would have
/// refused, answers lookups as the index would, and the index comes back at restore or at the next open.</summary>
public sealed class SqliteTxIdIndexTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-txid-").FullName;
    private readonly SqliteConnection _writer;

    public SqliteTxIdIndexTests()
    {
        _writer = new SqliteConnection($"Data Source={Path.Combine(_directory, "t.db")};Pooling=False");
        _writer.Open();
        Execute("CREATE TABLE transactions (seq INTEGER PRIMARY KEY, txid BLOB NOT NULL);");
        SqliteTxIdIndex.Ensure(_writer);
        Insert(Row(1));
    }

    [Fact]
    public void CheckUnique_TxIdAlreadyStored_Refused()
    {
        var index = new SqliteTxIdIndex();
        index.Defer(_writer);
        HasIndex().ShouldBeFalse();

        Should.Throw<InvalidOperationException>(() => index.CheckUnique([Row(1, seq: 2)])).Message.ShouldContain("stored twice");
    }

    [Fact]
    public void CheckUnique_TxIdTwiceInOneBatch_Refused()
    {
        var index = new SqliteTxIdIndex();
        index.Defer(_writer);

        Should.Throw<InvalidOperationException>(() => index.CheckUnique([Row(7, seq: 2), Row(7, seq: 3)]));
        index.CheckUnique([Row(7, seq: 2), Row(8, seq: 3)]);
    }

    [Fact]
    public void TryResolve_Deferred_AnswersAsTheIndexWouldThenRestoreBuildsIt()
    {
        var index = new SqliteTxIdIndex();
        index.TryResolve(Row(1).TxId, out _).ShouldBeFalse("not deferred: the index answers");
        index.Defer(_writer);
        Insert(Row(2, seq: 2));
        index.Committed([Row(2, seq: 2)]);

        index.TryResolve(Row(1).TxId, out var first).ShouldBeTrue();
        first.ShouldBe(1);
        index.TryResolve(Row(2).TxId, out var second).ShouldBeTrue();
        second.ShouldBe(2);
        index.TryResolve(Row(9).TxId, out var none).ShouldBeTrue();
        none.ShouldBeNull();

        index.Restore(_writer);
        HasIndex().ShouldBeTrue();
        index.IsDeferred.ShouldBeFalse();
        Should.Throw<SqliteException>(() => Insert(Row(2, seq: 3)), "the unique index is back");
    }

    [Fact]
    public void Ensure_IndexDroppedByAKilledBulkLoad_RecreatedAtOpen()
    {
        new SqliteTxIdIndex().Defer(_writer); // killed here: never restored

        SqliteTxIdIndex.Ensure(_writer);

        HasIndex().ShouldBeTrue();
    }

    public void Dispose()
    {
        _writer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static StoredTransaction Row(byte id, long seq = 1) =>
        new(Hash32.Compute([id]), seq, 1, [], 0, []);

    private void Insert(StoredTransaction row)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "INSERT INTO transactions (seq, txid) VALUES ($s, $t)";
        command.Parameters.AddWithValue("$s", row.Seq);
        command.Parameters.AddWithValue("$t", row.TxId.ToArray());
        command.ExecuteNonQuery();
    }

    private bool HasIndex()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'transactions_txid'";
        return (long)command.ExecuteScalar()! == 1;
    }

    private void Execute(string sql)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
