namespace Fontana.AspNetCore.Limits;

/// <summary>Limits on refused payments, bound from <c>Fontana:Provider:Limits</c>.</summary>
public sealed class PaymentLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Fontana:Provider:Limits";

    /// <summary>Refused payments (a payment header that is malformed, invalid, replayed for another request or refused
    /// by the ledger) one client (remote address) may cause per <see cref="RefusalWindow"/>; past it, its further
    /// refused attempts get 429 with <c>Retry-After</c> instead of a 402. Requests that carry a valid payment, and plain
    /// unpaid requests (the first leg of every paid call), never count against it. 0 turns the limit off.</summary>
    /// <value>Default 0 (off): behind a proxy every client has the proxy's address, so the operator chooses.</value>
    [System.ComponentModel.DataAnnotations.Range(0, int.MaxValue)]
    public int RefusalsPerClient { get; set; }

    /// <summary>The window of <see cref="RefusalsPerClient"/>.</summary>
    /// <value>Default 1 minute.</value>
    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(1);
}
