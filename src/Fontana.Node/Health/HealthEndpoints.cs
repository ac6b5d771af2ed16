using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Fontana.Node.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (checks tagged <c>ready</c>: store
/// reachable, DA backlog under its threshold). Unready answers 503.</summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static void MapFontanaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
    }
}
