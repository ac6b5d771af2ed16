using Fontana.AspNetCore.Limits;

namespace Fontana.AspNetCore;

/// <summary>
/// A rate limit on an MVC controller or action priced with <see cref="ChargeAttribute"/>:
/// <c>[Charge("0.001 TIA"), PaymentRateLimit(100, 60)]</c> allows at most 100 calls per payer (its address, once its
/// payment verified) or, for free calls, per client, in each minute; over it the call gets 429 with <c>Retry-After</c>
/// and nothing is settled. The MVC twin of <c>.WithPaymentRateLimit(...)</c>; on both a controller and an action, the
/// action's applies.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class PaymentRateLimitAttribute : Attribute, IPaymentRateLimitMetadata
{
    /// <param name="calls">Calls per payer per window (at least 1).</param>
    /// <param name="windowSeconds">The window in seconds (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is below 1.</exception>
    public PaymentRateLimitAttribute(int calls, int windowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSeconds);
        Calls = calls;
        Window = TimeSpan.FromSeconds(windowSeconds);
    }

    /// <summary>Calls per payer per <see cref="Window"/>.</summary>
    public int Calls { get; }

    /// <summary>The window.</summary>
    public TimeSpan Window { get; }
}
