using Fontana.Core.Errors;

namespace Fontana.Ledger;

/// <summary>
/// Stable kebab-case codes of ledger failures that are not transaction rejections
/// (rejections use <c>Fontana.Core.Transactions.RejectionCode</c>).
/// </summary>
public static class LedgerErrorCodes
{
    /// <summary>The ledger stopped after a failed commit (fail-stop) or was disposed; reopen it to continue.</summary>
    public const string LedgerUnavailable = ErrorCodes.LedgerUnavailable;

    /// <summary>The store holds a chain whose genesis differs from the configured one.</summary>
    public const string GenesisMismatch = ErrorCodes.GenesisMismatch;

    /// <summary>A genesis document (JSON or canonical bytes) is malformed; the message names the field.</summary>
    public const string InvalidGenesis = ErrorCodes.InvalidGenesis;

    /// <summary>The store's schema is newer than this build understands.</summary>
    public const string SchemaTooNew = ErrorCodes.SchemaTooNew;

    /// <summary>The ledger options are incomplete or inconsistent; the message names the option.</summary>
    public const string InvalidOptions = ErrorCodes.InvalidOptions;

    /// <summary>The operation needs a key (sequencer or bridge authority) the ledger was not given.</summary>
    public const string KeyMissing = ErrorCodes.KeyMissing;

    /// <summary>A replayed block does not match: wrong height, previous hash, signature, tx root or state root.</summary>
    public const string BlockMismatch = ErrorCodes.BlockMismatch;

    /// <summary>A replayed block holds a transaction the ledger rules reject.</summary>
    public const string BlockInvalid = ErrorCodes.BlockInvalid;

    /// <summary>No block at that height.</summary>
    public const string UnknownBlock = ErrorCodes.UnknownBlock;

    /// <summary>No transaction with that txid.</summary>
    public const string UnknownTransaction = ErrorCodes.UnknownTransaction;

    /// <summary>The store failed (I/O, connection, constraint); the ledger fails stop.</summary>
    public const string StoreFailure = ErrorCodes.StoreFailure;
}
