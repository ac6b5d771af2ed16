namespace Fontana.AspNetCore.Limits;

/// <summary>Endpoint metadata of <c>WithFreeTier</c>: <see cref="Limiter"/>'s permits are free calls per client per window.</summary>
internal sealed class FreeTierMetadata(WindowLimiter limiter)
{
    public WindowLimiter Limiter { get; } = limiter;
}
