using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>
/// <see cref="LedgerOptions.BulkLoad"/> (recovery into a new store): SQLite drops its txid index for the load and
/// builds it at close; every answer that needs a txid lookup stays the same meanwhile. PostgreSQL ignores the option,
/// and the same answers hold.
/// </summary>
public abstract partial class LedgerConformanceTests
{
    [StoreFact]
    public async Task ApplySealedBlock_BulkLoad_TxidLookupsAnswerAsWithTheIndex_IndexBuiltAtClose()
    {
        var source = await OpenAsync();
        var paid = Chain.Pay(0, 0, Chain.WalletAddress(1), 10);
        (await source.ApplyAsync(paid)).IsAccepted.ShouldBeTrue();
        var deposit = await source.ProcessDepositAsync("l1-bulk", Chain.WalletAddress(2), Amount.FromUtia(77));
        Time.Advance(TimeSpan.FromSeconds(6));
        await source.SealAsync();
        var spendDeposit = Chain.Transfer(Chain.Wallets[2], [new OutPoint(deposit.TxId, 0)], Chain.MinFee.Utia, (Chain.WalletAddress(0), 67));
        (await source.ApplyAsync(spendDeposit)).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromSeconds(6));
        var last = await source.SealAsync();
        var blocks = new List<Block>();
        for (ulong h = 1; h <= last.Height; h++)
        {
            blocks.Add((await source.GetFullBlockAsync(h))!);
        }

        var target = NewTarget();
        var options = Chain.Options(target, Time, withBridge: false);
        options.SequencerKey = null;
        options.GenesisBlockHeader = (await source.GetHeaderAsync(0))!;
        options.BulkLoad = true;
        var replica = await LedgerHost.OpenAsync(options);
        try
        {
            (await TxIdIndexExistsAsync(target)).ShouldBe(target.Kind != "sqlite", "SQLite defers the index for the load; PostgreSQL keeps it");
            foreach (var block in blocks)
            {
                (await replica.ApplySealedBlockAsync(block)).Hash.ShouldBe(block.Hash); // the deposit's dedupe is a txid lookup
            }

            // Lookups by txid while the index is deferred: transactions, outputs of transactions and of the genesis, unknowns.
            (await replica.GetTransactionAsync(paid.TxId)).ShouldNotBeNull();
            (await replica.GetTransactionAsync(Hash32.Compute([1, 2, 3]))).ShouldBeNull();
            OutPoint[] asked = [new(paid.TxId, 0), new(paid.TxId, 1), new(deposit.TxId, 0), Chain.Allocation(0, 0), Chain.Allocation(1, 0), new(paid.TxId, 7), new(Hash32.Compute([4]), 0)];
            foreach (var outPoint in asked)
            {
                (await replica.GetUtxoStatusAsync(outPoint)).ShouldBe(await source.GetUtxoStatusAsync(outPoint), outPoint.ToString());
            }
        }
        finally
        {
            await replica.DisposeAsync();
        }

        (await TxIdIndexExistsAsync(target)).ShouldBeTrue("the close builds the index");
        var reopenOptions = Chain.Options(target, Time, withBridge: false);
        reopenOptions.SequencerKey = null;
        var reopened = await OpenAsync(reopenOptions);
        reopened.LatestHeader.Hash.ShouldBe(last.Hash);
        (await reopened.GetTransactionAsync(spendDeposit.TxId)).ShouldNotBeNull();
    }

    [StoreFact]
    public async Task Apply_BulkLoadOfANewStore_AlreadyAppliedTransactionIsFoundWithoutTheIndex()
    {
        var options = Chain.Options(Target, Time);
        options.BulkLoad = true;
        var ledger = await OpenAsync(options);
        var paid = Chain.Pay(0, 0, Chain.WalletAddress(1), 10);
        (await ledger.ApplyAsync(paid)).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromSeconds(6));
        await ledger.SealAsync();
        (await ledger.ApplyAsync(Chain.Pay(1, 0, Chain.WalletAddress(2), 5))).IsAccepted.ShouldBeTrue(); // the first batch is reclaimed from memory

        var again = await ledger.ApplyAsync(paid);

        again.IsAccepted.ShouldBeTrue();
        again.AlreadyApplied.ShouldBeTrue("found by txid in the store (through the map while the index is deferred)");
        var conflicting = await ledger.ApplyAsync(Chain.Pay(0, 0, Chain.WalletAddress(3), 11));
        conflicting.Code.ShouldBe("input-spent");
        conflicting.Detail!.ShouldContain(paid.TxId.ToString());
    }

    private static async Task<bool> TxIdIndexExistsAsync(StoreTarget target) => target switch
    {
        SqliteTarget sqlite => await SqliteScalarAsync(sqlite, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'transactions_txid'") == 1,
        _ => true,
    };

    private static async Task<long> SqliteScalarAsync(SqliteTarget target, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + target.DatabasePath + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
