namespace Fontana.Core.Errors;

/// <summary>
/// The one catalogue of Fontana's stable kebab-case error codes, shared by the node, the facilitator, the provider
/// middleware, the SDK and the CLI: each code is defined here once. The node and the provider answer them as
/// problem+json (<c>code</c> extension, status and <c>type</c> from <see cref="ErrorCatalog"/>); the SDK maps them back
/// to typed exceptions; the CLI prints them as <c>error &lt;code&gt;: &lt;reason&gt;</c>. Typed views over subsets
/// (<see cref="Validation.RejectionCode"/>, the exception classes' code constants) refer to these constants.
/// x402 <c>errorReason</c> values (snake_case, defined by the x402 spec) are in <see cref="X402.X402ErrorReasons"/>.
/// The meaning of each code is documented in docs/errors.md. Add new codes here, in the area they belong to.
/// </summary>
public static partial class ErrorCodes
{
    // Requests the node or provider cannot read (HTTP 400 / 404 / 413 / 503).

    /// <summary>The body is not valid JSON for this request, is empty, or has the wrong content type.</summary>
    public const string MalformedJson = "malformed-json";

    /// <summary>A field that must be base64 is not.</summary>
    public const string BadBase64 = "bad-base64";

    /// <summary>An output reference is not <c>&lt;txid&gt;:&lt;index&gt;</c>.</summary>
    public const string BadOutPoint = "bad-outpoint";

    /// <summary>An address is not a valid <c>fnt1…</c> bech32m address.</summary>
    public const string BadAddress = "bad-address";

    /// <summary>A txid is not 64 hex characters.</summary>
    public const string BadTxId = "bad-txid";

    /// <summary>A block height is not a non-negative integer.</summary>
    public const string BadHeight = "bad-height";

    /// <summary>An amount is not a valid number of utia (or TIA) in range.</summary>
    public const string BadAmount = "bad-amount";

    /// <summary>A required request field is missing or invalid; the message names it.</summary>
    public const string BadRequest = "bad-request";

    /// <summary>Nothing is found at that address (block, transaction, route).</summary>
    public const string NotFound = "not-found";

    /// <summary>The transaction is known but not yet in a sealed block.</summary>
    public const string NotSealed = "not-sealed";

    /// <summary>The request body is larger than the endpoint accepts.</summary>
    public const string PayloadTooLarge = "payload-too-large";

    /// <summary>The route exists, but not for this HTTP method; the <c>Allow</c> header lists the ones it takes.</summary>
    public const string MethodNotAllowed = "method-not-allowed";

    /// <summary>The body's <c>Content-Type</c> is missing, not JSON, or JSON in another charset than UTF-8.</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>The node is starting, stopping or has no ledger yet.</summary>
    public const string NotReady = "not-ready";

    /// <summary>The ledger failed or its store is unavailable; the node fails stop.</summary>
    public const string LedgerUnavailable = "ledger-unavailable";

    /// <summary>A key is missing or wrong: the bridge API key, the provider dashboard's key.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>A provider's rate limit (per payer, per client, or on refused payments) is exhausted: 429 with Retry-After.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The node has no bridge API key configured, so the bridge endpoints are off.</summary>
    public const string BridgeDisabled = "bridge-disabled";

    /// <summary><c>/v1/stream</c> was called without a WebSocket upgrade.</summary>
    public const string WebSocketRequired = "websocket-required";

    /// <summary>The node holds its limit of stream connections.</summary>
    public const string TooManyConnections = "too-many-connections";

    /// <summary>A stream message names an operation the node does not know.</summary>
    public const string UnknownOp = "unknown-op";

    /// <summary>A stream connection holds its limit of subscriptions.</summary>
    public const string TooManySubscriptions = "too-many-subscriptions";

    /// <summary>The provider's paid-call store (exactly-once records) cannot be reached: nothing was settled, no handler ran.</summary>
    public const string PaidCallStoreUnavailable = "paid-call-store-unavailable";

    /// <summary>libsodium (the native Ed25519 / SecretBox library) could not be loaded on this machine.</summary>
    public const string SodiumUnavailable = "sodium-unavailable";

    /// <summary>An unexpected failure; the node's log has the details.</summary>
    public const string InternalError = "internal-error";
}
