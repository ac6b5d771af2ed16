using Fontana.Core.Errors;

namespace Fontana.DataAvailability;

/// <summary>The stable codes of <see cref="DataAvailabilityException"/> (docs/data-availability.md).</summary>
public static class DaErrorCodes
{
    /// <summary>The DA layer could not be reached: connection refused or reset, timeout, HTTP 5xx without a JSON-RPC answer, I/O failure. Transient.</summary>
    public const string Unavailable = ErrorCodes.DaUnavailable;

    /// <summary>The local DA directory is held by another process: one writer at a time.</summary>
    public const string Locked = ErrorCodes.DaLocked;

    /// <summary>The node answered with a JSON-RPC error (e.g. mempool full, insufficient fees, inclusion timeout). Transient.</summary>
    public const string RpcError = ErrorCodes.DaRpcError;

    /// <summary>The node refused the credentials: HTTP 401/403 or a JSON-RPC "missing permission" error.</summary>
    public const string Auth = ErrorCodes.DaAuth;

    /// <summary>The node answered something that is not a celestia-node JSON-RPC response of the expected shape. Transient.</summary>
    public const string BadResponse = ErrorCodes.DaBadResponse;

    /// <summary>Some chunks of a referenced block are missing from the DA layer.</summary>
    public const string NotFound = ErrorCodes.DaNotFound;

    /// <summary>Data read back from the DA layer is damaged: bad envelope, checksum or block hash mismatch.</summary>
    public const string Corrupt = ErrorCodes.DaCorrupt;

    /// <summary>A block was posted below the last posted height (the DA log never rolls back).</summary>
    public const string OutOfOrder = ErrorCodes.DaOutOfOrder;

    /// <summary>A block needs more chunks than the envelope can number (65,535) or exceeds the 1 GiB block limit, or the
    /// node refused a blob transaction over the network's <c>MaxTxSize</c>. Permanent.</summary>
    public const string TooLarge = ErrorCodes.DaTooLarge;

    /// <summary>The node no longer serves this height: it is below the node's <c>Tail</c> (a non-archival node prunes
    /// after about 7 days). Permanent for this node: use an archival node or a local DA copy.</summary>
    public const string Pruned = ErrorCodes.DaPruned;

    /// <summary>The height is past the node's local head (<c>header: syncing in progress</c>, <c>given height is from
    /// the future</c>). Transient: the node catches up.</summary>
    public const string Syncing = ErrorCodes.DaSyncing;

    /// <summary>The node refused the fee (<c>insufficient minimum gas price</c>, <c>insufficient fee</c>, the estimated
    /// price above <c>MaxGasPrice</c>). Permanent until the operator changes <c>GasPrice</c> / <c>MaxGasPrice</c>.</summary>
    public const string FeeTooLow = ErrorCodes.DaFeeTooLow;

    /// <summary>A local DA layer opened read-only was asked to write.</summary>
    public const string ReadOnly = ErrorCodes.DaReadOnly;

    /// <summary>Whether a retry may succeed without anyone changing anything.</summary>
    public static bool IsTransient(string code) => code is Unavailable or RpcError or BadResponse or Syncing;

    /// <summary>Whether the poster must stop posting and keep the alert raised until an operator acts (retrying
    /// would pay again for the same refusal, or append after damage).</summary>
    public static bool StopsPosting(string code) => code is TooLarge or FeeTooLow or Corrupt;
}
