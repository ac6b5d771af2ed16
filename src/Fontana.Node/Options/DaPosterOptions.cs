namespace Fontana.Node.Options;

/// <summary><c>Fontana:DaPoster</c>: how often the DA poster looks for work and when readiness fails. Its retry policy
/// is <c>Fontana:DataAvailability:Retry</c>.</summary>
public sealed class DaPosterOptions
{
    /// <summary>How often the poster looks for unposted blocks when no new block woke it. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between two pipeline runs after persistent failure. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>/health/ready</c> fails when more sealed blocks than this wait for DA. Default 100.</summary>
    public int ReadyBacklogThreshold { get; set; } = 100;
}
