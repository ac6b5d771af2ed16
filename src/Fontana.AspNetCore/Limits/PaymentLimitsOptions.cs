namespace Fontana.AspNetCore.Limits;

/// <summary>Limits on refused payments, bound from <c>Fontana:Provider:Limits</c>.</summary>
public sealed class PaymentLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Fontana:Provider:Limits";

    /// <summary>Refused payments (bad, replayed or unpaid-after-free-tier) one client may cause per
    /// <see cref="RefusalWindow"/> before its further unpaid or invalid attempts get 429 instead of a 402. Requests
    /// that carry a valid payment never count against, nor are stopped by, this limit.</summary>
    /// <value>Default 120.</value>
    public int RefusalsPerClient { get; set; } = 120;

    /// <summary>The window of <see cref="RefusalsPerClient"/>.</summary>
    /// <value>Default 1 minute.</value>
    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(1);
}
