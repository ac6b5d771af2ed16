using Fontana.Core;

namespace Fontana.Sdk.Permissions;

/// <summary>
/// Most a scope may spend (price + fee of each payment). Null means no limit of that kind; zero means nothing may be
/// spent. Hours and days are fixed UTC windows (the hour from :00, the day from 00:00 UTC).
/// </summary>
public sealed record SpendingLimits
{
    /// <summary>No limits.</summary>
    public static SpendingLimits None { get; } = new();

    /// <summary>Most one call may spend. Default: no limit.</summary>
    public Amount? PerCall { get; init; }

    /// <summary>Most spent within one UTC hour. Default: no limit.</summary>
    public Amount? PerHour { get; init; }

    /// <summary>Most spent within one UTC day. Default: no limit.</summary>
    public Amount? PerDay { get; init; }

    /// <summary>Most spent in total, ever. Default: no limit.</summary>
    public Amount? Total { get; init; }

    /// <summary>True when no limit is set.</summary>
    public bool IsUnlimited => PerCall is null && PerHour is null && PerDay is null && Total is null;

    /// <summary>Each limit that is set, with its name (<c>per-call</c>, <c>per-hour</c>, <c>per-day</c>, <c>total</c>).</summary>
    public IEnumerable<(string Name, Amount Limit)> Describe()
    {
        if (PerCall is { } call)
        {
            yield return (LimitNames.PerCall, call);
        }

        if (PerHour is { } hour)
        {
            yield return (LimitNames.PerHour, hour);
        }

        if (PerDay is { } day)
        {
            yield return (LimitNames.PerDay, day);
        }

        if (Total is { } total)
        {
            yield return (LimitNames.Total, total);
        }
    }
}
