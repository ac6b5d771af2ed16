namespace Fontana.Node.Options;

/// <summary><c>Fontana:Store</c>: where the ledger keeps its state.</summary>
public sealed class StoreOptions
{
    /// <summary><c>sqlite</c> (default, a file under the data dir) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>The SQLite database file. Default <c>{DataDir}/ledger.db</c>.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>SQLite only: <c>Full</c> (default) fsyncs the WAL at every commit, so a payment is on disk before its
    /// paid call is answered; <c>Normal</c> (opt-in) fsyncs at checkpoints only: it survives a crash of the process (the
    /// WAL is in the operating system's cache) but may lose the last commits on a power failure or kernel crash — answered
    /// payments the ledger then no longer has (docs/node.md, "Durability"). <c>Extra</c> as SQLite defines it.</summary>
    public Fontana.Ledger.Storage.SqliteSynchronousMode SqliteSynchronous { get; set; } = Fontana.Ledger.Storage.SqliteSynchronousMode.Full;

    /// <summary>Npgsql connection string; required when <see cref="Provider"/> is <c>postgres</c> (secret: prefer
    /// the environment variable <c>FONTANA__Store__PostgresConnectionString</c>).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Optional PostgreSQL schema.</summary>
    public string? PostgresSchema { get; set; }

    /// <see cref="Provider"/> for a SQLite file in the data directory (the default).
    public const string SqliteProvider = "sqlite";
    /// <see cref="Provider"/> for PostgreSQL at <see cref="PostgresConnectionString"/>.
    public const string PostgresProvider = "postgres";
}
