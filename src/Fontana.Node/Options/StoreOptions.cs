namespace Fontana.Node.Options;

/// <summary><c>Fontana:Store</c>: where the ledger keeps its state.</summary>
public sealed class StoreOptions
{
    /// <summary><c>sqlite</c> (default, a file under the data dir) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>For <c>postgres</c>: an Npgsql connection string (required). For <c>sqlite</c>: optional path of the
    /// database file, default <c>{DataDir}/ledger.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public const string SqliteProvider = "sqlite";
    public const string PostgresProvider = "postgres";
}
