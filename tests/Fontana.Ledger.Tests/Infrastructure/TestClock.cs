namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>The ledger tests' clock: a <see cref="FakeTimeProvider"/> (UTC, moved only by the test) at a fixed start.</summary>
public static class TestClock
{
    /// <summary>2025-01-01T00:00:00Z, fixed so that runs are reproducible.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A new fake clock at <see cref="Start"/>.</summary>
    public static FakeTimeProvider Create() => new(Start);
}
