using Fontana.Core.Api;

namespace Fontana.Node.Api;

/// <summary>
/// The HTTP status of each error code: 400 malformed input, 401/403 authentication, 404 unknown, 409 conflict with
/// the ledger's state, 413 too large, 422 any other ledger rejection, 503 not ready. Unlisted codes are ledger
/// rejections (422). Transaction decoding errors (<c>FontanaFormatException</c> codes) are answered 400 by the
/// submit endpoint itself.
/// </summary>
internal static class ProblemStatus
{
    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        [ProblemCodes.MalformedJson] = 400,
        [ProblemCodes.BadBase64] = 400,
        [ProblemCodes.BadOutPoint] = 400,
        [ProblemCodes.BadAddress] = 400,
        [ProblemCodes.BadTxId] = 400,
        [ProblemCodes.WebSocketRequired] = 400,
        [ProblemCodes.BadHeight] = 400,
        [ProblemCodes.BadAmount] = 400,
        [ProblemCodes.BadRequest] = 400,
        [ProblemCodes.NotSealed] = 404,
        [ProblemCodes.Unauthorized] = 401,
        [ProblemCodes.BridgeDisabled] = 403,
        [ProblemCodes.NotFound] = 404,
        [ProblemCodes.PayloadTooLarge] = 413,
        [ProblemCodes.NotReady] = 503,
        [ProblemCodes.LedgerUnavailable] = 503,
        [ProblemCodes.TooManyConnections] = 503,
        [ProblemCodes.InternalError] = 500,

        // Ledger conflicts: the request was well formed but clashes with state another request changed.
        ["input-spent"] = 409,
        ["duplicate-deposit"] = 409,
        ["withdrawal-already-confirmed"] = 409,
        ["malformed"] = 400,
    };

    public static int For(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Statuses.TryGetValue(code, out var status) ? status : 422;
    }
}
