namespace Fontana.AspNetCore.Limits;

/// <summary>A rate limit on an endpoint: <see cref="Calls"/> per payer (paid calls) or per client (free calls) per
/// <see cref="Window"/>; over it, 429 with <c>Retry-After</c> before anything is settled (<c>WithPaymentRateLimit</c> or
/// <c>[PaymentRateLimit]</c>).</summary>
internal interface IPaymentRateLimitMetadata
{
    int Calls { get; }

    TimeSpan Window { get; }
}

/// <summary>Endpoint metadata of <c>WithPaymentRateLimit</c>.</summary>
internal sealed record PaidRateLimitMetadata(int Calls, TimeSpan Window) : IPaymentRateLimitMetadata;
