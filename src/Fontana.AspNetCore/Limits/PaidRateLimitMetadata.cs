namespace Fontana.AspNetCore.Limits;

/// <summary>Endpoint metadata of <c>WithPaymentRateLimit</c>: calls per payer (paid) or per client (free) per window;
/// over it, 429 with <c>Retry-After</c> before anything is settled.</summary>
internal sealed class PaidRateLimitMetadata(WindowLimiter limiter)
{
    public WindowLimiter Limiter { get; } = limiter;
}
