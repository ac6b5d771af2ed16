using System.Collections.Concurrent;
using Fontana.AspNetCore.Dashboard;
using Fontana.AspNetCore.Problems;
using Fontana.Core.Errors;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Limits;

/// <summary>
/// The limits the payment gate applies, from endpoint metadata (<c>WithFreeTier</c> / <c>[FreeTier]</c>, <c>WithPaymentRateLimit</c> / <c>[PaymentRateLimit]</c>) and
/// <see cref="PaymentLimitsOptions"/>: free calls per client, calls per payer, and refusals per client. One
/// <see cref="WindowLimiter"/> per endpoint limit, made on first use with the host's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PaymentLimits(TimeProvider time, IOptions<PaymentLimitsOptions> options, ProviderActivity activity)
{
    private readonly ConcurrentDictionary<object, WindowLimiter> _limiters = new(ReferenceEqualityComparer.Instance);
    private readonly WindowLimiter? _refusals = options.Value.RefusalsPerClient > 0
        ? new WindowLimiter(options.Value.RefusalsPerClient, options.Value.RefusalWindow, time)
        : null;

    /// <summary>Who a request is, before it has paid: the remote address (or <c>unknown</c>).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>For an unpaid request on an endpoint with a free tier: a free call, or when the next one comes.</summary>
    public WindowDecision? TryFree(HttpContext context)
    {
        var free = context.GetEndpoint()?.Metadata.GetMetadata<IFreeTierMetadata>();
        return free is null ? null : LimiterFor(free, free.Calls, free.Window).TryAcquire(ClientOf(context));
    }

    /// <summary>Takes one call of <paramref name="caller"/>'s rate limit on this endpoint; null when it has none.</summary>
    public WindowDecision? TryCall(HttpContext context, string caller)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IPaymentRateLimitMetadata>();
        return limit is null ? null : LimiterFor(limit, limit.Calls, limit.Window).TryAcquire(caller);
    }

    /// <summary>Counts a refused payment against the client; null when the limit is off.</summary>
    public WindowDecision? CountRefusal(HttpContext context) => _refusals?.TryAcquire(ClientOf(context));

    /// <summary>Writes 429 with <c>Retry-After</c> (whole seconds, rounded up) and a problem body with a code.</summary>
    public async ValueTask WriteTooManyAsync(HttpContext context, WindowDecision decision, string limit, string detail)
    {
        activity.RateLimited(context.Request.Path, limit);
        var seconds = Math.Max(1, (long)Math.Ceiling(decision.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        await FontanaProblems.WriteAsync(context, ErrorCodes.RateLimited, $"{detail} (limit: {limit}; retry after {seconds} s)").ConfigureAwait(false);
    }

    private WindowLimiter LimiterFor(object metadata, int calls, TimeSpan window) =>
        _limiters.GetOrAdd(metadata, static (_, state) => new WindowLimiter(state.calls, state.window, state.time), (calls, window, time));
}
