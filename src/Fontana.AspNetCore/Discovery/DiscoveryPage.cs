using System.Globalization;

namespace Fontana.AspNetCore.Discovery;

/// <summary>The page of the discovery list a request asks for (x402 v2 §8.1: <c>limit</c> 1–100, default 20; <c>offset</c> ≥ 0).</summary>
internal readonly record struct DiscoveryPage(int Limit, int Offset)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static bool TryRead(IQueryCollection query, out DiscoveryPage page, out string? error)
    {
        page = new DiscoveryPage(DefaultLimit, 0);
        error = null;
        var limit = DefaultLimit;
        var offset = 0;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            error = $"limit \"{limitText}\" must be a whole number from 1 to {MaxLimit}";
            return false;
        }

        if (query.TryGetValue("offset", out var offsetText)
            && !int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            error = $"offset \"{offsetText}\" must be a whole number from 0";
            return false;
        }

        page = new DiscoveryPage(limit, offset);
        return true;
    }
}
