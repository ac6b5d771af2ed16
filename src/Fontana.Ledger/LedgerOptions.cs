using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Ledger.Genesis;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger;

/// <summary>How to open a ledger (<see cref="LedgerHost.OpenAsync(LedgerOptions, CancellationToken)"/>). Validated at open; errors name the option.</summary>
public sealed class LedgerOptions
{
    /// <summary>Which database holds the ledger. Default: SQLite.</summary>
    public LedgerStoreKind Store { get; set; } = LedgerStoreKind.Sqlite;

    /// <summary>Path of the SQLite file (created if missing). Required for <see cref="LedgerStoreKind.Sqlite"/>.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>SQLite <c>PRAGMA synchronous</c>; default <see cref="SqliteSynchronousMode.Full"/> (fsync per commit).</summary>
    public SqliteSynchronousMode SqliteSynchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>Npgsql connection string. Required for <see cref="LedgerStoreKind.Postgres"/>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Optional PostgreSQL schema to create and use (plain identifier).</summary>
    public string? PostgresSchema { get; set; }

    /// <summary>
    /// The chain's genesis. Required to create a new store; when the store already holds a chain, it must be the same
    /// genesis (else <c>genesis-mismatch</c>); when null, the stored genesis is used.
    /// </summary>
    public GenesisDocument? Genesis { get; set; }

    /// <summary>
    /// Block 0 to store when creating a chain (recovery from DA); verified against the genesis. When null, block 0 is
    /// built and signed with <see cref="SequencerKey"/>.
    /// </summary>
    public BlockHeader? GenesisBlockHeader { get; set; }

    /// <summary>The sequencer's key (its public key must be the genesis sequencer key). Required to apply and seal;
    /// without it the ledger is read-only except for <see cref="ILedger.ApplySealedBlockAsync"/> (replay).</summary>
    public PrivateKey? SequencerKey { get; set; }

    /// <summary>The bridge authority's key, for <see cref="ILedger.ProcessDepositAsync"/> and
    /// <see cref="ILedger.ProcessWithdrawalConfirmedAsync"/>. Optional.</summary>
    public PrivateKey? BridgeAuthorityKey { get; set; }

    /// <summary>Clock for acceptance times, expiry and block timestamps. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Most transactions in one group commit. Default 4096.</summary>
    public int MaxBatchSize { get; set; } = 4096;

    /// <summary>Stateless verification workers; 0 (default) means <see cref="Environment.ProcessorCount"/>.</summary>
    public int VerifierCount { get; set; }

    /// <summary>
    /// Store the state tree every this many blocks (default 10: one minute at 6 s blocks). In between, only blocks and
    /// transactions are stored; opening applies the few blocks after the stored tree (hashing their changes, not the
    /// whole UTXO set). 1 stores it after every block.
    /// </summary>
    public int StateCheckpointInterval { get; set; } = 10;

    /// <summary>
    /// Open a new store for a bulk load (recovery from DA): when this open creates the chain, the SQLite store builds its
    /// txid index once at close instead of row by row (docs/ledger.md "Bulk load"). Ignored for a store that already
    /// held a chain and for PostgreSQL. A store killed during the load gets its index back at its next open. Default false.
    /// </summary>
    public bool BulkLoad { get; set; }

    /// <summary>Transactions waiting for verification before <c>ApplyAsync</c> waits (backpressure). Default 65536.</summary>
    public int QueueCapacity { get; set; } = 65_536;

    internal void Validate()
    {
        switch (Store)
        {
            case LedgerStoreKind.Sqlite when string.IsNullOrWhiteSpace(SqlitePath):
                throw Invalid("Ledger:SqlitePath", "is required when Ledger:Store is Sqlite");
            case LedgerStoreKind.Postgres when string.IsNullOrWhiteSpace(PostgresConnectionString):
                throw Invalid("Ledger:PostgresConnectionString", "is required when Ledger:Store is Postgres");
            case LedgerStoreKind.Sqlite or LedgerStoreKind.Postgres:
                break;
            default:
                throw Invalid("Ledger:Store", $"\"{Store}\" is not Sqlite or Postgres");
        }

        if (MaxBatchSize is < 1 or > 1_000_000)
        {
            throw Invalid("Ledger:MaxBatchSize", "must be from 1 to 1000000");
        }

        if (VerifierCount is < 0 or > 1024)
        {
            throw Invalid("Ledger:VerifierCount", "must be from 0 (one per core) to 1024");
        }

        if (StateCheckpointInterval is < 1 or > 100_000)
        {
            throw Invalid("Ledger:StateCheckpointInterval", "must be from 1 to 100000 blocks");
        }

        if (QueueCapacity < 1)
        {
            throw Invalid("Ledger:QueueCapacity", "must be at least 1");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    internal static LedgerException Invalid(string key, string reason) =>
        new(LedgerErrorCodes.InvalidOptions, $"{key} {reason}");
}
