using Fontana.Node.Api;
using Fontana.Node.Bridge;
using Fontana.Node.Explorer;
using Fontana.Node.Health;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;
using Fontana.Node.Streaming;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the node's HTTP surface: <c>/v1/…</c>, <c>/v1/stream</c>, <c>/v1/x402/*</c>, <c>/health/*</c>,
/// <c>/metrics</c>, <c>/openapi/v1.json</c>.</summary>
public static class FontanaNodeEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every node endpoint. When <paramref name="endpoints"/> is the application (a <c>WebApplication</c>), the
    /// WebSocket middleware <c>/v1/stream</c> needs is added too, and status-code pages that give the framework's
    /// bodiless 404/405/413/415/400 answers a problem+json body with a code; otherwise add them yourself.
    /// </summary>
    public static IEndpointRouteBuilder MapFontanaNode(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets();
            app.UseBareStatusProblems();
        }

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<FontanaNodeOptions>>().Value;
        var v1 = endpoints.MapGroup("/v1").AddEndpointFilter<ApiExceptionFilter>().WithTags("Fontana node v1");
        v1.MapChain();
        v1.MapTransactions(options.Api.MaxTransactionBodyBytes);
        v1.MapState();
        Fontana.Node.Sessions.SessionEndpoints.MapSessions(v1);
        v1.MapBridge();
        v1.MapBridgeStatus();
        v1.MapStream();
        endpoints.MapX402Facilitator();
        endpoints.MapFontanaHealth();
        endpoints.MapFontanaMetrics();
        endpoints.MapOpenApi();
        endpoints.MapApiReference();
        endpoints.MapExplorer();
        return endpoints;
    }
}
