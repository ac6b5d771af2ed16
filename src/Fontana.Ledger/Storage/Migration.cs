namespace Fontana.Ledger.Storage;

/// <summary>One schema step, in both SQL dialects. Steps are applied in version order, each in its own transaction.</summary>
internal sealed record Migration(int Version, string Description, string Sqlite, string Postgres)
{
    /// <summary>All migrations, oldest first. Append only: never edit a released step.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new Migration(
            1,
            "initial schema: chain, transactions, utxos, blocks, smt_nodes and state_checkpoint (PostgreSQL; SQLite keeps them in the state file), deposits, withdrawals",
            """
            CREATE TABLE chain (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                chain_id TEXT NOT NULL,
                genesis_hash BLOB NOT NULL,
                genesis_bytes BLOB NOT NULL);
            CREATE TABLE transactions (
                seq INTEGER PRIMARY KEY,
                txid BLOB NOT NULL UNIQUE,
                kind INTEGER NOT NULL,
                bytes BLOB NOT NULL,
                accepted_at INTEGER NOT NULL,
                receipt_signature BLOB NOT NULL);
            CREATE TABLE utxos (
                outpoint BLOB PRIMARY KEY,
                address BLOB NOT NULL,
                amount INTEGER NOT NULL,
                created_seq INTEGER NOT NULL,
                spent_by BLOB,
                spent_seq INTEGER) WITHOUT ROWID;
            CREATE TABLE blocks (
                height INTEGER PRIMARY KEY,
                hash BLOB NOT NULL UNIQUE,
                header BLOB NOT NULL,
                first_seq INTEGER NOT NULL,
                tx_count INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('sealed', 'posted')),
                da_reference TEXT);
            CREATE INDEX blocks_first_seq ON blocks (first_seq) WHERE tx_count > 0;
            CREATE TABLE deposits (
                l1_ref TEXT PRIMARY KEY,
                txid BLOB NOT NULL UNIQUE);
            CREATE TABLE withdrawals (
                txid BLOB PRIMARY KEY,
                seq INTEGER NOT NULL,
                l1_address TEXT NOT NULL,
                amount INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
                confirm_txid BLOB,
                l1_ref TEXT);
            CREATE INDEX withdrawals_pending ON withdrawals (seq) WHERE status = 'pending';
            """,
            """
            CREATE TABLE chain (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                chain_id TEXT NOT NULL,
                genesis_hash BYTEA NOT NULL,
                genesis_bytes BYTEA NOT NULL);
            CREATE TABLE transactions (
                seq BIGINT PRIMARY KEY,
                txid BYTEA NOT NULL UNIQUE,
                kind SMALLINT NOT NULL,
                bytes BYTEA NOT NULL,
                accepted_at BIGINT NOT NULL,
                receipt_signature BYTEA NOT NULL);
            CREATE TABLE utxos (
                outpoint BYTEA PRIMARY KEY,
                address BYTEA NOT NULL,
                amount BIGINT NOT NULL,
                created_seq BIGINT NOT NULL,
                spent_by BYTEA,
                spent_seq BIGINT);
            CREATE TABLE blocks (
                height BIGINT PRIMARY KEY,
                hash BYTEA NOT NULL UNIQUE,
                header BYTEA NOT NULL,
                first_seq BIGINT NOT NULL,
                tx_count INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('sealed', 'posted')),
                da_reference TEXT);
            CREATE INDEX blocks_first_seq ON blocks (first_seq) WHERE tx_count > 0;
            CREATE TABLE smt_nodes (
                key BYTEA PRIMARY KEY,
                value BYTEA NOT NULL);
            CREATE TABLE state_checkpoint (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                height BIGINT NOT NULL,
                root BYTEA NOT NULL);
            CREATE TABLE deposits (
                l1_ref TEXT PRIMARY KEY,
                txid BYTEA NOT NULL UNIQUE);
            CREATE TABLE withdrawals (
                txid BYTEA PRIMARY KEY,
                seq BIGINT NOT NULL,
                l1_address TEXT NOT NULL,
                amount BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed')),
                confirm_txid BYTEA,
                l1_ref TEXT);
            CREATE INDEX withdrawals_pending ON withdrawals (seq) WHERE status = 'pending';
            """),
        new Migration(
            2,
            "sessions: a partial index over the session transactions (kinds 5..9), which the ledger replays at open to rebuild session state",
            "CREATE INDEX transactions_sessions ON transactions (seq) WHERE kind >= 5;",
            "CREATE INDEX transactions_sessions ON transactions (seq) WHERE kind >= 5;"),
        new Migration(
            3,
            "utxos keyed by (created_seq, idx) in creation order instead of by outpoint (random txids), so a batch's new outputs fill consecutive pages and the outputs it spends, mostly recent, sit in hot pages; spent_by dropped (the spender is the transaction at spent_seq); the outpoint's txid is the transaction at created_seq (the genesis hash for created_seq 0)",
            $"""
            CREATE TABLE utxos_by_seq (
                created_seq INTEGER NOT NULL,
                idx INTEGER NOT NULL,
                address BLOB NOT NULL,
                amount INTEGER NOT NULL,
                spent_seq INTEGER,
                PRIMARY KEY (created_seq, idx)) WITHOUT ROWID;
            INSERT INTO utxos_by_seq (created_seq, idx, address, amount, spent_seq)
                SELECT created_seq,
                       (instr({ByteTable}, substr(outpoint, 33, 1)) - 1) * 256 + instr({ByteTable}, substr(outpoint, 34, 1)) - 1,
                       address, amount, spent_seq
                FROM utxos ORDER BY 1, 2;
            DROP TABLE utxos;
            ALTER TABLE utxos_by_seq RENAME TO utxos;
            """,
            """
            CREATE TABLE utxos_by_seq (
                created_seq BIGINT NOT NULL,
                idx INTEGER NOT NULL,
                address BYTEA NOT NULL,
                amount BIGINT NOT NULL,
                spent_seq BIGINT,
                CONSTRAINT utxos_by_seq_pkey PRIMARY KEY (created_seq, idx));
            INSERT INTO utxos_by_seq (created_seq, idx, address, amount, spent_seq)
                SELECT created_seq, get_byte(outpoint, 32) * 256 + get_byte(outpoint, 33), address, amount, spent_seq
                FROM utxos ORDER BY 1, 2;
            DROP TABLE utxos;
            ALTER TABLE utxos_by_seq RENAME TO utxos;
            ALTER TABLE utxos RENAME CONSTRAINT utxos_by_seq_pkey TO utxos_pkey;
            """),
        new Migration(
            4,
            "transactions: the txid uniqueness as a named index (transactions_txid) instead of a column constraint, so a recovery into a new store can build it once at the end from all txids instead of inserting 1M random keys one batch at a time (SQLite cannot drop a column constraint's index)",
            """
            CREATE TABLE transactions_v4 (
                seq INTEGER PRIMARY KEY,
                txid BLOB NOT NULL,
                kind INTEGER NOT NULL,
                bytes BLOB NOT NULL,
                accepted_at INTEGER NOT NULL,
                receipt_signature BLOB NOT NULL);
            INSERT INTO transactions_v4 (seq, txid, kind, bytes, accepted_at, receipt_signature)
                SELECT seq, txid, kind, bytes, accepted_at, receipt_signature FROM transactions ORDER BY seq;
            DROP TABLE transactions;
            ALTER TABLE transactions_v4 RENAME TO transactions;
            CREATE UNIQUE INDEX transactions_txid ON transactions (txid);
            CREATE INDEX transactions_sessions ON transactions (seq) WHERE kind >= 5;
            """,
            """
            ALTER TABLE transactions DROP CONSTRAINT IF EXISTS transactions_txid_key;
            CREATE UNIQUE INDEX IF NOT EXISTS transactions_txid ON transactions (txid);
            """),
    ];

    /// <summary>
    /// A 256-byte SQLite blob literal holding the bytes 0x00..0xFF in order: <c>instr(table, byte) - 1</c> is the
    /// value of a one-byte blob (SQLite has no other way to read a byte of a blob as a number).
    /// </summary>
    private static string ByteTable => "X'" + Convert.ToHexString(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray()) + "'";

    public static int Latest => All[^1].Version;
}
