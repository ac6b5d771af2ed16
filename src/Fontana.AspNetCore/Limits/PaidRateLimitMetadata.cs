namespace Fontana.AspNetCore.Limits;

/// <summary>Endpoint metadata of <c>WithPaymentRateLimit</c>: <see cref="Calls"/> per payer (paid calls) or per client
/// (free calls) per <see cref="Window"/>; over it, 429 with <c>Retry-After</c> before anything is settled.</summary>
internal sealed record PaidRateLimitMetadata(int Calls, TimeSpan Window);
