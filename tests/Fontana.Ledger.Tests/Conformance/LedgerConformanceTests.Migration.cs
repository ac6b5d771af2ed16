using Fontana.Core;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>A store written with the schema before version 3 (utxos keyed by outpoint) opens and works after the migration.</summary>
public abstract partial class LedgerConformanceTests
{
    /// <summary>Rebuilds the utxos table as schema versions 1–2 had it (DDL of migration 1) and forgets version 3.
    /// (SQLite's <c>||</c> makes text of blobs: the cast keeps the outpoint a 34-byte blob, as the old code wrote it.)</summary>
    private static readonly Dictionary<string, string> ToSchemaVersion2 = new()
    {
        ["sqlite"] = """
            CREATE TABLE utxos_v2 (
                outpoint BLOB PRIMARY KEY,
                address BLOB NOT NULL,
                amount INTEGER NOT NULL,
                created_seq INTEGER NOT NULL,
                spent_by BLOB,
                spent_seq INTEGER) WITHOUT ROWID;
            INSERT INTO utxos_v2
                SELECT CAST(COALESCE(t.txid, c.genesis_hash) || unhex(printf('%04X', u.idx)) AS BLOB), u.address, u.amount, u.created_seq, s.txid, u.spent_seq
                FROM utxos u CROSS JOIN chain c LEFT JOIN transactions t ON t.seq = u.created_seq LEFT JOIN transactions s ON s.seq = u.spent_seq;
            DROP TABLE utxos;
            ALTER TABLE utxos_v2 RENAME TO utxos;
            DELETE FROM schema_version WHERE version >= 3;
            """,
        ["postgres"] = """
            CREATE TABLE utxos_v2 (
                outpoint BYTEA PRIMARY KEY,
                address BYTEA NOT NULL,
                amount BIGINT NOT NULL,
                created_seq BIGINT NOT NULL,
                spent_by BYTEA,
                spent_seq BIGINT);
            INSERT INTO utxos_v2
                SELECT COALESCE(t.txid, c.genesis_hash) || decode(lpad(to_hex(u.idx), 4, '0'), 'hex'), u.address, u.amount, u.created_seq, s.txid, u.spent_seq
                FROM utxos u CROSS JOIN chain c LEFT JOIN transactions t ON t.seq = u.created_seq LEFT JOIN transactions s ON s.seq = u.spent_seq;
            DROP TABLE utxos;
            ALTER TABLE utxos_v2 RENAME TO utxos;
            ALTER TABLE utxos RENAME CONSTRAINT utxos_v2_pkey TO utxos_pkey;
            DELETE FROM schema_version WHERE version >= 3;
            """,
    };

    [StoreFact]
    public async Task Open_StoreOfSchemaVersion2_MigratesUtxosAndKeepsEveryAnswer()
    {
        var ledger = await OpenAsync();
        var w1 = Chain.WalletAddress(1);
        var first = Chain.Pay(0, 0, w1, 250_000);
        (await ledger.ApplyAsync(first)).IsAccepted.ShouldBeTrue();
        var change = new OutPoint(first.TxId, 1);
        var second = Chain.Transfer(Chain.Wallets[0], [change], Chain.MinFee.Utia, (w1, 1_000), (Chain.WalletAddress(0), Chain.AllocationAmount(0).Utia - 250_000 - 1_000 - (2 * Chain.MinFee.Utia)));
        (await ledger.ApplyAsync(second)).IsAccepted.ShouldBeTrue();
        var sealedBlock = await ledger.SealAsync();
        var third = Chain.Pay(2, 3, w1, 7);
        (await ledger.ApplyAsync(third)).IsAccepted.ShouldBeTrue(); // committed, not sealed: replayed into the pending block at open
        OutPoint[] asked = [Chain.Allocation(0, 0), Chain.Allocation(3, 2), new(first.TxId, 0), change, new(first.TxId, 2), new(second.TxId, 1), new(third.TxId, 0), new(first.TxId, 9)];
        var before = await StatusesAsync(ledger, asked);
        var balances = await BalancesAsync(ledger);
        var storeRoot = await StateRootFromStoreAsync(ledger);
        await ReopenAsync(ledger);

        await Target.ExecuteAsync(ToSchemaVersion2[Target.Kind]);
        var migrated = await OpenAsync();

        (await StatusesAsync(migrated, asked)).ShouldBe(before);
        before[0].SpentBy.ShouldBe(first.TxId);
        before[3].SpentBy.ShouldBe(second.TxId);
        (await BalancesAsync(migrated)).ShouldBe(balances);
        migrated.LatestHeader.Hash.ShouldBe(sealedBlock.Hash);
        (await StateRootFromStoreAsync(migrated)).ShouldBe(storeRoot);

        // Spends of migrated outputs (one made by a transaction, one a genesis allocation) are written by their new key.
        var respent = await migrated.ApplyAsync(Chain.Pay(0, 0, w1, 5));
        respent.Code.ShouldBe("input-spent");
        respent.Detail!.ShouldContain(first.TxId.ToString());
        var spendPaid = Chain.Transfer(Chain.Wallets[1], [new OutPoint(first.TxId, 0)], Chain.MinFee.Utia, (Chain.WalletAddress(2), 250_000 - Chain.MinFee.Utia));
        (await migrated.ApplyAsync(spendPaid)).IsAccepted.ShouldBeTrue();
        (await migrated.ApplyAsync(Chain.Pay(3, 2, w1, 11))).IsAccepted.ShouldBeTrue();
        var block = await migrated.SealAsync();
        block.Header.StateRoot.ShouldBe(await StateRootFromStoreAsync(migrated));
        (await migrated.GetUtxoStatusAsync(new OutPoint(first.TxId, 0))).SpentBy.ShouldBe(spendPaid.TxId);
        (await BalancesAsync(migrated)).Aggregate(Amount.Zero, (sum, b) => sum + b).ShouldBe(Chain.Genesis.TotalAllocated);

        await ReopenAsync(migrated);
        var reopened = await OpenAsync();
        reopened.LatestHeader.Hash.ShouldBe(block.Hash);
        (await reopened.GetUtxoStatusAsync(Chain.Allocation(3, 2))).State.ShouldBe(UtxoState.Spent);
    }

    private static async Task<List<UtxoStatus>> StatusesAsync(LedgerEngine ledger, OutPoint[] outPoints)
    {
        var statuses = new List<UtxoStatus>();
        foreach (var outPoint in outPoints)
        {
            statuses.Add(await ledger.GetUtxoStatusAsync(outPoint));
        }

        return statuses;
    }

    private async Task<List<Amount>> BalancesAsync(LedgerEngine ledger)
    {
        var balances = new List<Amount>();
        for (var w = 0; w < Chain.Wallets.Length; w++)
        {
            balances.Add(await ledger.GetBalanceAsync(Chain.WalletAddress(w)));
        }

        balances.Add(await ledger.GetBalanceAsync(Chain.FeeAddress));
        return balances;
    }
}
