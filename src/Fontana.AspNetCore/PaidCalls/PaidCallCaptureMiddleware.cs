namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// First in the pipeline (added by <c>AddFontanaPayments</c>): after the endpoint wrote its whole response, stores a paid
/// call's response (or the reason it cannot be replayed) so replays are served without running the handler again.
/// Requests without a paid call pass through untouched.
/// </summary>
internal sealed class PaidCallCaptureMiddleware(RequestDelegate next, PaidCallCoordinator coordinator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Features.Set(CaptureInstalled.Instance);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (context.Features.Get<PaidCallRecording>() is { } failed)
            {
                await coordinator.FinishAsync(failed, ex).ConfigureAwait(false);
            }

            throw;
        }

        if (context.Features.Get<PaidCallRecording>() is { } recording)
        {
            await coordinator.FinishAsync(recording, null).ConfigureAwait(false);
        }
    }

    /// <summary>Marks a request that passes through this middleware (else the gate finishes recordings when the response completes).</summary>
    internal sealed class CaptureInstalled
    {
        public static readonly CaptureInstalled Instance = new();
    }
}
