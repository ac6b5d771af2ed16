namespace Fontana.Ledger;

/// <summary>Which database holds the ledger.</summary>
public enum LedgerStoreKind
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (Npgsql).</summary>
    Postgres,
}
