namespace Fontana.AspNetCore.PaidCalls;

/// <summary>The built-in <see cref="IPaidCallStore"/>s.</summary>
public enum PaidCallStoreKind
{
    /// <summary>In this process's memory (default): one instance; after a restart, earlier payments' replays are refused.</summary>
    Memory = 0,

    /// <summary>A SQLite file (<see cref="PaidCallOptions.SqlitePath"/>): one instance, across restarts.</summary>
    Sqlite = 1,

    /// <summary>PostgreSQL (<see cref="PaidCallOptions.ConnectionString"/>): several instances, across restarts.</summary>
    PostgreSql = 2,
}
