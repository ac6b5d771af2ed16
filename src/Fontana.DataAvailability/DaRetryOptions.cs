namespace Fontana.DataAvailability;

/// <summary>Retry of DA calls (the DA poster's backoff), bound from <c>DataAvailability:Retry</c>.</summary>
public sealed class DaRetryOptions
{
    /// <summary>Retries after the first attempt; <see cref="int.MaxValue"/> retries for ever (the poster never gives up a block). Default 10.</summary>
    public int MaxRetryAttempts { get; set; } = 10;

    /// <summary>Delay before the first retry, doubled each retry (exponential backoff). Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one delay. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Randomise delays (Polly's decorrelated jitter) so that many posters do not retry in lock step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>From this retry on, each failure is logged as Critical (the alert of BRIEF §7) instead of Warning. Default 5.</summary>
    public int AlertAfterAttempts { get; set; } = 5;

    /// <summary>Errors naming the configuration key (prefix <paramref name="section"/>), empty when valid.</summary>
    public IReadOnlyList<string> Validate(string section = "DataAvailability:Retry")
    {
        var errors = new List<string>();
        if (MaxRetryAttempts < 0)
        {
            errors.Add($"{section}:MaxRetryAttempts must be 0 or more (got {MaxRetryAttempts})");
        }

        if (BaseDelay <= TimeSpan.Zero || BaseDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"{section}:BaseDelay must be between 0 and 1 day exclusive of 0 (got {BaseDelay})");
        }

        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"{section}:MaxDelay must be at least BaseDelay and at most 1 day (got {MaxDelay})");
        }

        if (AlertAfterAttempts < 1)
        {
            errors.Add($"{section}:AlertAfterAttempts must be 1 or more (got {AlertAfterAttempts})");
        }

        return errors;
    }
}
