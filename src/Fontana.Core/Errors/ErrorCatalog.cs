using Fontana.Core.X402;

namespace Fontana.Core.Errors;

/// <summary>
/// How an <see cref="ErrorCodes"/> code is answered over HTTP: its status, its RFC 9457 <c>type</c> URI
/// (<c>urn:fontana:problem:&lt;code&gt;</c>, the one scheme for every Fontana problem) and a title per status.
/// The node, the facilitator and the provider middleware answer through this table; the SDK reads it back.
/// </summary>
public static class ErrorCatalog
{
    /// <summary>The prefix of every problem <c>type</c>: the code follows it.</summary>
    public const string TypePrefix = "urn:fontana:problem:";

    /// <summary>The status of a transaction rejection the table does not list: 422 (the ledger refused it).</summary>
    public const int RejectionStatus = 422;

    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        // 400: the request cannot be read.
        [ErrorCodes.MalformedJson] = 400,
        [ErrorCodes.BadBase64] = 400,
        [ErrorCodes.BadOutPoint] = 400,
        [ErrorCodes.BadAddress] = 400,
        [ErrorCodes.BadTxId] = 400,
        [ErrorCodes.BadHeight] = 400,
        [ErrorCodes.BadAmount] = 400,
        [ErrorCodes.BadRequest] = 400,
        [ErrorCodes.WebSocketRequired] = 400,
        [ErrorCodes.Malformed] = 400,
        [ErrorCodes.BadJson] = 400,
        [ErrorCodes.MissingField] = 400,
        [ErrorCodes.InvalidField] = 400,
        [ErrorCodes.HeaderTooLarge] = 400,
        [ErrorCodes.EmptyHeader] = 400,
        [ErrorCodes.BadL1Address] = 400,

        // 401/403: authentication.
        [ErrorCodes.Unauthorized] = 401,
        [ErrorCodes.BridgeDisabled] = 403,

        // 429: a rate limit.
        [ErrorCodes.RateLimited] = 429,

        // 404: unknown.
        [ErrorCodes.NotFound] = 404,
        [ErrorCodes.NotSealed] = 404,
        [ErrorCodes.UnknownDeposit] = 404,

        // 409: well formed, but clashes with state another request changed.
        [ErrorCodes.InputSpent] = 409,
        [ErrorCodes.DuplicateDeposit] = 409,
        [ErrorCodes.WithdrawalAlreadyConfirmed] = 409,

        // 405: the route does not take this method.
        [ErrorCodes.MethodNotAllowed] = 405,

        // 413: too large.
        [ErrorCodes.PayloadTooLarge] = 413,

        // 415: the body is not UTF-8 JSON.
        [ErrorCodes.UnsupportedMediaType] = 415,

        // 500/503: the server.
        [ErrorCodes.InternalError] = 500,
        [ErrorCodes.SodiumUnavailable] = 500,
        [ErrorCodes.NotReady] = 503,
        [ErrorCodes.LedgerUnavailable] = 503,
        [ErrorCodes.TooManyConnections] = 503,
        [ErrorCodes.PaidCallStoreUnavailable] = 503,
        [ErrorCodes.SequencerUnavailable] = 503,
        [ErrorCodes.FollowerHalted] = 503,
        [ErrorCodes.L1Unavailable] = 503,

        // x402 reasons the provider answers: 402 refused (pay again), 503 not settled.
        [X402ErrorReasons.UnexpectedSettleError] = 503,
        [X402ErrorReasons.UnexpectedVerifyError] = 503,
        [X402ErrorReasons.InvalidPaymentIdentifier] = 400,
    };

    /// <summary>
    /// The HTTP status a code is answered with. Codes the table does not list are transaction rejections
    /// (<see cref="RejectionStatus"/>, 422), except x402 reasons (snake_case), which refuse a payment (402).
    /// </summary>
    public static int StatusFor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Statuses.TryGetValue(code, out var status))
        {
            return status;
        }

        return code.Contains('_', StringComparison.Ordinal) ? 402 : RejectionStatus;
    }

    /// <summary>The problem <c>type</c> URI of a code: <c>urn:fontana:problem:&lt;code&gt;</c>.</summary>
    public static string TypeFor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TypePrefix + code;
    }

    /// <summary>The problem <c>title</c> for a status, e.g. "Conflict" for 409.</summary>
    public static string TitleFor(int status) => status switch
    {
        400 => "Malformed request",
        401 => "Unauthorized",
        429 => "Too many requests",
        402 => "Payment refused",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Rejected",
        503 => "Not ready",
        _ => "Error",
    };
}
