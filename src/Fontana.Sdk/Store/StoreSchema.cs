namespace Fontana.Sdk.Store;

/// <summary>
/// The wallet store's schema as numbered migrations, the same SQL on SQLite and PostgreSQL (BIGINT amounts in utia,
/// TEXT keys, Unix-millisecond times). A store records the highest migration applied in <c>schema_version</c>; opening
/// applies the missing ones in one transaction and refuses a store newer than this code (<c>store-too-new</c>).
/// </summary>
internal static class StoreSchema
{
    public static readonly string[] Migrations =
    [
        // 1: wallet identity, outputs and leases, payments (receipt history), permissions and spend counters, sessions.
        """
        CREATE TABLE IF NOT EXISTS wallet_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS outputs (
            outpoint TEXT PRIMARY KEY, amount BIGINT NOT NULL, status TEXT NOT NULL,
            lease_owner TEXT NULL, lease_until BIGINT NULL, updated_at BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS payments (
            txid TEXT PRIMARY KEY, state TEXT NOT NULL, pay_to TEXT NOT NULL, resource TEXT NOT NULL,
            price BIGINT NOT NULL, fee BIGINT NOT NULL, input TEXT NOT NULL, tx TEXT NOT NULL, expiry BIGINT NOT NULL,
            created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, proof_attempts INTEGER NOT NULL DEFAULT 0,
            receipt TEXT NULL, final_receipt TEXT NULL, detail TEXT NULL);
        CREATE INDEX IF NOT EXISTS payments_by_state ON payments (state, created_at);
        CREATE TABLE IF NOT EXISTS permissions (
            scope TEXT PRIMARY KEY, access TEXT NOT NULL, per_call BIGINT NULL, per_hour BIGINT NULL, per_day BIGINT NULL,
            total BIGINT NULL, expires_at BIGINT NULL, granted_at BIGINT NOT NULL, source TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS spend (
            scope TEXT PRIMARY KEY, total BIGINT NOT NULL, hour_window BIGINT NOT NULL, hour BIGINT NOT NULL,
            day_window BIGINT NOT NULL, day BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, state TEXT NOT NULL, data TEXT NOT NULL, updated_at BIGINT NOT NULL);
        """,

        // 2: coin leases that last as long as their owner lives (a heartbeat row per owner), soft leases on an owner's
        // new outputs, and the index the takeover check needs (no payment still unresolved on the coin).
        """
        ALTER TABLE outputs ADD COLUMN held INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE IF NOT EXISTS lease_owners (
            owner TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL, started_at BIGINT NOT NULL, alive_until BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS outputs_by_owner ON outputs (lease_owner);
        CREATE INDEX IF NOT EXISTS payments_by_input ON payments (input);
        """,
    ];

    public static int Latest => Migrations.Length;
}
