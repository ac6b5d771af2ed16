namespace Fontana.AspNetCore.Tests.Support;

/// <summary>A clock tests move by hand (challenge expiry), starting at the real time so the ledger accepts it.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;

    public ManualTimeProvider(DateTimeOffset start) => _ticks = start.UtcTicks;

    public static ManualTimeProvider StartingNow() => new(System.GetUtcNow());

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
