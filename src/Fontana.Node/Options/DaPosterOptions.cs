namespace Fontana.Node.Options;

/// <summary><c>Fontana:DaPoster</c>: how the DA poster retries and when it raises the alert.</summary>
public sealed class DaPosterOptions
{
    /// <summary>How often the poster looks for unposted blocks when no new block woke it. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per block inside one retry pipeline run (exponential backoff with jitter). Default 5.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles each attempt. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest pause between two pipeline runs after persistent failure. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>/health/ready</c> fails when more sealed blocks than this wait for DA. Default 100.</summary>
    public int ReadyBacklogThreshold { get; set; } = 100;
}
