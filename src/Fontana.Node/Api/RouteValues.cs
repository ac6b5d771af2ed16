using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Fontana.Core;
using Fontana.Core.Errors;

namespace Fontana.Node.Api;

/// <summary>Parsing of path values into domain types, with the 400 problem to answer when they are malformed.</summary>
internal static class RouteValues
{
    public static bool TryTxId(string text, out Hash32 txId, [NotNullWhen(false)] out IResult? problem)
    {
        if (text.Length == Hash32.Length * 2 && Hash32.TryParse(text, out txId))
        {
            problem = null;
            return true;
        }

        txId = default;
        problem = ApiProblems.Create(400, ErrorCodes.BadTxId, $"\"{Clip(text)}\" is not a txid: 64 hex characters");
        return false;
    }

    public static bool TryOutPoint(string text, out OutPoint outPoint, [NotNullWhen(false)] out IResult? problem)
    {
        if (OutPoint.TryParse(text, out outPoint, out var error))
        {
            problem = null;
            return true;
        }

        problem = ApiProblems.Create(400, ErrorCodes.BadOutPoint, error);
        return false;
    }

    public static bool TryAddress(string text, out Address address, [NotNullWhen(false)] out IResult? problem)
    {
        if (Address.TryParse(text, out address, out var error))
        {
            problem = null;
            return true;
        }

        problem = ApiProblems.Create(400, ErrorCodes.BadAddress, error);
        return false;
    }

    public static bool TryHeight(string text, out ulong height, [NotNullWhen(false)] out IResult? problem)
    {
        if (text.Length is > 0 and <= 20 && !text.AsSpan().ContainsAnyExceptInRange('0', '9')
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out height))
        {
            problem = null;
            return true;
        }

        height = 0;
        problem = ApiProblems.Create(400, ErrorCodes.BadHeight, $"\"{Clip(text)}\" is not a block height (a non-negative integer)");
        return false;
    }

    private static string Clip(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
