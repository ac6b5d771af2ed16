namespace Fontana.Core.Api;

/// <summary>Codes the node API uses for errors that are not ledger rejections (those use the ledger's codes).</summary>
public static class ProblemCodes
{
    public const string MalformedJson = "malformed-json";
    public const string BadBase64 = "bad-base64";
    public const string BadOutPoint = "bad-outpoint";
    public const string BadAddress = "bad-address";
    public const string BadTxId = "bad-txid";
    public const string NotFound = "not-found";
    public const string PayloadTooLarge = "payload-too-large";
    public const string NotReady = "not-ready";
    public const string Unauthorized = "unauthorized";
    public const string LedgerUnavailable = "ledger-unavailable";
    public const string BridgeDisabled = "bridge-disabled";
    public const string WebSocketRequired = "websocket-required";
    public const string TooManyConnections = "too-many-connections";
    public const string UnknownOp = "unknown-op";
    public const string TooManySubscriptions = "too-many-subscriptions";
    public const string InternalError = "internal-error";
    public const string BadHeight = "bad-height";
    public const string BadAmount = "bad-amount";
    public const string BadRequest = "bad-request";
    public const string NotSealed = "not-sealed";
}
