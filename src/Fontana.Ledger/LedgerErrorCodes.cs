namespace Fontana.Ledger;

/// <summary>
/// Stable kebab-case codes of ledger failures that are not transaction rejections
/// (rejections use <c>Fontana.Core.Transactions.RejectionCode</c>).
/// </summary>
public static class LedgerErrorCodes
{
    /// <summary>The ledger stopped after a failed commit (fail-stop) or was disposed; reopen it to continue.</summary>
    public const string LedgerUnavailable = "ledger-unavailable";

    /// <summary>The store holds a chain whose genesis differs from the configured one.</summary>
    public const string GenesisMismatch = "genesis-mismatch";

    /// <summary>A genesis document (JSON or canonical bytes) is malformed; the message names the field.</summary>
    public const string InvalidGenesis = "invalid-genesis";

    /// <summary>The store's schema is newer than this build understands.</summary>
    public const string SchemaTooNew = "schema-too-new";

    /// <summary>The ledger options are incomplete or inconsistent; the message names the option.</summary>
    public const string InvalidOptions = "invalid-options";

    /// <summary>The operation needs a key (sequencer or bridge authority) the ledger was not given.</summary>
    public const string KeyMissing = "key-missing";

    /// <summary>A replayed block does not match: wrong height, previous hash, signature, tx root or state root.</summary>
    public const string BlockMismatch = "block-mismatch";

    /// <summary>A replayed block holds a transaction the ledger rules reject.</summary>
    public const string BlockInvalid = "block-invalid";

    /// <summary>No block at that height.</summary>
    public const string UnknownBlock = "unknown-block";

    /// <summary>No transaction with that txid.</summary>
    public const string UnknownTransaction = "unknown-transaction";

    /// <summary>The store failed (I/O, connection, constraint); the ledger fails stop.</summary>
    public const string StoreFailure = "store-failure";
}
