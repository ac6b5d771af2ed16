using Fontana.AspNetCore.Limits;

namespace Fontana.AspNetCore;

/// <summary>
/// A free tier on an MVC controller or action priced with <see cref="ChargeAttribute"/>:
/// <c>[Charge("0.001 TIA"), FreeTier(10, 3600)]</c> makes the first 10 unpaid calls per client (remote address) in each
/// hour free; after that the action answers 402, whose <c>PAYMENT-REQUIRED</c> carries
/// <c>extensions.freeTier.nextFreeAt</c> (unix seconds). Windows are fixed and aligned to the epoch. The MVC twin of
/// <c>.WithFreeTier(...)</c>; on both a controller and an action, the action's applies.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class FreeTierAttribute : Attribute, IFreeTierMetadata
{
    /// <param name="calls">Free calls per client per window (at least 1).</param>
    /// <param name="windowSeconds">The window in seconds (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is below 1.</exception>
    public FreeTierAttribute(int calls, int windowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSeconds);
        Calls = calls;
        Window = TimeSpan.FromSeconds(windowSeconds);
    }

    /// <summary>Free calls per client per <see cref="Window"/>.</summary>
    public int Calls { get; }

    /// <summary>The window.</summary>
    public TimeSpan Window { get; }
}
