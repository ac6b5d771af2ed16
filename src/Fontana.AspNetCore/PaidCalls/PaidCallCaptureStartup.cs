namespace Fontana.AspNetCore.PaidCalls;

/// <summary>Puts <see cref="PaidCallCaptureMiddleware"/> first in the application's pipeline.</summary>
internal sealed class PaidCallCaptureStartup : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<PaidCallCaptureMiddleware>();
        next(app);
    };
}
