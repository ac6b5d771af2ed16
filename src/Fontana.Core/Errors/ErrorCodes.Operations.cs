namespace Fontana.Core.Errors;

public static partial class ErrorCodes
{
    // Ledger operations (LedgerException) — failures that are not transaction rejections.

    /// <summary>The store holds a chain whose genesis differs from the configured one.</summary>
    public const string GenesisMismatch = "genesis-mismatch";

    /// <summary>A genesis document (JSON or canonical bytes) is malformed; the message names the field.</summary>
    public const string InvalidGenesis = "invalid-genesis";

    /// <summary>The store's schema is newer than this build understands.</summary>
    public const string SchemaTooNew = "schema-too-new";

    /// <summary>The ledger options are incomplete or inconsistent; the message names the option.</summary>
    public const string InvalidOptions = "invalid-options";

    /// <summary>The operation needs a key (sequencer or bridge authority) that was not given.</summary>
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

    // Data availability (DataAvailabilityException) — docs/data-availability.md.

    /// <summary>The DA layer could not be reached (connection, timeout, HTTP 5xx, I/O). Transient.</summary>
    public const string DaUnavailable = "da-unavailable";

    /// <summary>The local DA directory is held by another process (one writer at a time): another node or devnet uses it.</summary>
    public const string DaLocked = "da-locked";

    /// <summary>The DA node answered with a JSON-RPC error (mempool full, fees, inclusion timeout). Transient.</summary>
    public const string DaRpcError = "da-rpc-error";

    /// <summary>The DA node refused the credentials.</summary>
    public const string DaAuth = "da-auth";

    /// <summary>The DA node answered something that is not a JSON-RPC response of the expected shape. Transient.</summary>
    public const string DaBadResponse = "da-bad-response";

    /// <summary>Some chunks of a referenced block are missing from the DA layer.</summary>
    public const string DaNotFound = "da-not-found";

    /// <summary>Data read back from the DA layer is damaged: bad envelope, checksum or block hash.</summary>
    public const string DaCorrupt = "da-corrupt";

    /// <summary>A block was posted below the last posted height (the DA log never rolls back).</summary>
    public const string DaOutOfOrder = "da-out-of-order";

    /// <summary>A block needs more chunks than the envelope can number or exceeds the block limit.</summary>
    public const string DaTooLarge = "da-too-large";

    /// <summary>A DA envelope does not decode.</summary>
    public const string DaEnvelopeInvalid = "da-envelope-invalid";

    /// <summary>The Celestia node no longer serves the height (below its Tail: pruned).</summary>
    public const string DaPruned = "da-pruned";

    /// <summary>The height is past the Celestia node's local head (syncing in progress). Transient.</summary>
    public const string DaSyncing = "da-syncing";

    /// <summary>The Celestia node refused the fee (insufficient gas price, or its estimate above MaxGasPrice).</summary>
    public const string DaFeeTooLow = "da-fee-too-low";

    /// <summary>A local DA layer opened read-only was asked to write.</summary>
    public const string DaReadOnly = "da-read-only";

    // Recovery from DA (RecoveryException).

    /// <summary>Recovery failed for a reason no more specific code names.</summary>
    public const string RecoveryFailed = "recovery-failed";

    /// <summary>A block is missing on DA between two recovered blocks.</summary>
    public const string ChainGap = "chain-gap";

    /// <summary>No Fontana genesis block was found on DA in the searched range.</summary>
    public const string NoGenesis = "no-genesis";

    /// <summary>The recovery checkpoint file is damaged or does not match the directory; recover into a new one.</summary>
    public const string CheckpointInvalid = "checkpoint-invalid";

    /// <summary>The target store already holds a chain; recover into a new one.</summary>
    public const string StoreNotEmpty = "store-not-empty";

    // Follower nodes (docs/operations.md, "Follower nodes").

    /// <summary>A follower could not reach its sequencer (to forward a submission or fetch a block). Transient.</summary>
    public const string SequencerUnavailable = "sequencer-unavailable";

    /// <summary>The sequencer signed two different blocks at one height; the follower stops syncing with its alert raised.</summary>
    public const string Equivocation = "equivocation";

    /// <summary>The follower stopped syncing (equivocation, or a sequencer-signed block that does not replay) and
    /// refuses to forward submissions until an operator restarts it.</summary>
    public const string FollowerHalted = "follower-halted";

    // The bridge to L1 (docs/bridge.md, "Errors").

    /// <summary>An L1 (Celestia) address is not bech32 <c>celestia1…</c> over 20 bytes; nothing was signed or burned.</summary>
    public const string BadL1Address = "bad-l1-address";

    /// <summary>The L1 node (celestia-node RPC or the consensus node's REST API) could not be reached, timed out or
    /// answered HTTP 5xx. Transient: retried with backoff.</summary>
    public const string L1Unavailable = "l1-unavailable";

    /// <summary>The L1 node refused the credentials (celestia-node's bearer token). Permanent until reconfigured.</summary>
    public const string L1Auth = "l1-auth";

    /// <summary>The L1 node answered something that is not the documented shape. Permanent for that answer.</summary>
    public const string L1BadResponse = "l1-bad-response";

    /// <summary>The consensus node does not index transactions (<c>indexer = "null"</c>): the deposit watcher cannot
    /// find transfers. Permanent until the node is reconfigured (docs/bridge.md, "Running against Celestia").</summary>
    public const string L1IndexDisabled = "l1-index-disabled";

    /// <summary>The vault cannot pay: its L1 balance is below the payout plus fees. Transient (waits for deposits).</summary>
    public const string L1InsufficientFunds = "l1-insufficient-funds";

    /// <summary>The L1 refused the fee (gas price below the node's minimum, or the estimate above the cap). Transient.</summary>
    public const string L1FeeTooLow = "l1-fee-too-low";

    /// <summary>The L1 rejected the transaction (a non-zero <c>code</c> in its TxResponse) or answered a JSON-RPC error
    /// no more specific code names.</summary>
    public const string L1TxFailed = "l1-tx-failed";

    /// <summary>A payout's intent is recorded but the payout is not found on L1 yet: the processor waits the mempool
    /// window before sending again (never pays twice). Transient.</summary>
    public const string L1PayoutInDoubt = "l1-payout-in-doubt";

    /// <summary>A withdrawal ended <c>failed</c>: it will never be paid (the reason is in its status); the operator refunds.</summary>
    public const string WithdrawalFailed = "withdrawal-failed";

    /// <summary><c>--wait</c> gave up before a deposit was minted or a withdrawal confirmed; it goes on, its status stays public.</summary>
    public const string BridgeTimeout = "bridge-timeout";

    /// <summary>No deposit with that L1 transaction hash has been seen by the watcher.</summary>
    public const string UnknownDeposit = "unknown-deposit";
}
