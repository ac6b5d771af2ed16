using Fontana.Core.Api;

namespace Fontana.Node.Api;

/// <summary>
/// The HTTP status of each error code: 400 malformed input, 401/403 authentication, 404 unknown, 409 conflict with
/// the ledger's state, 413 too large, 422 any other ledger rejection, 503 not ready. Unlisted codes are ledger
/// rejections (422).
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
        ["already-confirmed"] = 409,
        ["sequence-conflict"] = 409,
    };

    /// <summary>Codes of malformed transactions (decoder errors) answered 400; added to by the transaction codec's codes.</summary>
    private static readonly HashSet<string> MalformedPrefixes = new(StringComparer.Ordinal) { "malformed-", "bad-", "truncated", "trailing-bytes" };

    public static int For(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Statuses.TryGetValue(code, out var status))
        {
            return status;
        }

        foreach (var prefix in MalformedPrefixes)
        {
            if (code.StartsWith(prefix, StringComparison.Ordinal))
            {
                return 400;
            }
        }

        return 422;
    }
}
