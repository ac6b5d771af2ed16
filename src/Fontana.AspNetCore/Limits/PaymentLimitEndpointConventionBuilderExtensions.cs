using Fontana.AspNetCore.Limits;

namespace Microsoft.AspNetCore.Builder;

/// <summary><c>.RequirePayment(...).WithFreeTier(...)</c> and <c>.WithPaymentRateLimit(...)</c>: metadata only; the
/// payment gate applies them.</summary>
public static class PaymentLimitEndpointConventionBuilderExtensions
{
    /// <summary>
    /// The first <paramref name="calls"/> unpaid calls per client (remote address) in each <paramref name="window"/> are
    /// free; after that the endpoint answers 402, whose <c>PAYMENT-REQUIRED</c> carries
    /// <c>extensions.freeTier.nextFreeAt</c> (unix seconds). Windows are fixed and aligned to the epoch.
    /// </summary>
    public static TBuilder WithFreeTier<TBuilder>(this TBuilder builder, int calls, TimeSpan window)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));
        return builder.WithMetadata(new FreeTierMetadata(calls, window));
    }

    /// <summary>
    /// At most <paramref name="calls"/> calls per payer (its address, once its payment verified) or, for free calls, per
    /// client, in each <paramref name="window"/>; over it the call gets 429 with <c>Retry-After</c> and nothing is settled.
    /// </summary>
    public static TBuilder WithPaymentRateLimit<TBuilder>(this TBuilder builder, int calls, TimeSpan window)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));
        return builder.WithMetadata(new PaidRateLimitMetadata(calls, window));
    }
}
