namespace Fontana.Ledger.Load;

/// <summary>What <see cref="LedgerLoadRunner"/> runs: durable 1-in-2-out signed payments against a fresh store.</summary>
public sealed class LedgerLoadOptions
{
    /// <summary>Payments applied in the timed section.</summary>
    public int Transactions { get; set; } = 200_000;

    /// <summary>Payment chains in flight at once (each chain spends its previous change output).</summary>
    public int Concurrency { get; set; } = 4096;

    public LedgerStoreKind Store { get; set; } = LedgerStoreKind.Sqlite;

    /// <summary>SQLite file; null = a temporary file, deleted afterwards.</summary>
    public string? SqlitePath { get; set; }

    public Storage.SqliteSynchronousMode SqliteSynchronous { get; set; } = Storage.SqliteSynchronousMode.Full;

    public string? PostgresConnectionString { get; set; }

    /// <summary>Null = a temporary schema, dropped afterwards.</summary>
    public string? PostgresSchema { get; set; }

    /// <summary>Seal a block this often during the run (null = never; the chain default is 6 s).</summary>
    public TimeSpan? SealInterval { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Group-commit size limit passed to the ledger.</summary>
    public int MaxBatchSize { get; set; } = 4096;

    /// <summary>Ledger verifier workers; 0 = one per core.</summary>
    public int VerifierCount { get; set; }

    /// <summary>Threads for the raw Ed25519 verify measurement.</summary>
    public int VerifyThreads { get; set; } = 2;
}
