namespace Fontana.Sdk.Permissions;

/// <summary>The names of the limits, as <see cref="BudgetExceededException.Limit"/> and the CLI print them.</summary>
public static class LimitNames
{
    /// <summary><see cref="SpendingLimits.PerCall"/>.</summary>
    public const string PerCall = "per-call";

    /// <summary><see cref="SpendingLimits.PerHour"/>.</summary>
    public const string PerHour = "per-hour";

    /// <summary><see cref="SpendingLimits.PerDay"/>.</summary>
    public const string PerDay = "per-day";

    /// <summary><see cref="SpendingLimits.Total"/>.</summary>
    public const string Total = "total";
}
