namespace Fontana.Sdk.Permissions;

/// <summary>What one scope has spent (utia, price + fee): in total, in the current UTC hour and day, and reserved by
/// calls in flight. Changed only under the policy's lock.</summary>
internal sealed class SpendCounter
{
    public long Total { get; set; }

    /// <summary>Unix hour of <see cref="Hour"/>.</summary>
    public long HourWindow { get; set; }

    public long Hour { get; set; }

    /// <summary>Unix day of <see cref="Day"/>.</summary>
    public long DayWindow { get; set; }

    public long Day { get; set; }

    /// <summary>Reserved by payments being made (or whose outcome is unknown); not persisted.</summary>
    public long Reserved { get; set; }

    /// <summary>Moves the hour and day windows to <paramref name="now"/>, starting them from zero when they change.</summary>
    public void Roll(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var hour = seconds / 3600;
        var day = seconds / 86400;
        if (hour != HourWindow)
        {
            HourWindow = hour;
            Hour = 0;
        }

        if (day != DayWindow)
        {
            DayWindow = day;
            Day = 0;
        }
    }

    public SpendCounter Copy() => (SpendCounter)MemberwiseClone();
}
