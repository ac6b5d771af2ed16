using Fontana.AspNetCore;
using Fontana.AspNetCore.Discovery;
using Fontana.AspNetCore.Payments;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Endpoints of the provider side: the x402 discovery manifest.</summary>
public static class FontanaPaymentsEndpointRouteBuilderExtensions
{
    /// <summary>The default discovery path.</summary>
    public const string DiscoveryPath = "/.well-known/x402";

    /// <summary>
    /// Maps <c>GET /.well-known/x402</c>: the priced routes of this application (minimal APIs with
    /// <c>RequirePayment</c> and MVC actions with <see cref="ChargeAttribute"/>), their prices and network, in the
    /// shape of x402's discovery list (<c>items</c> with <c>lastUpdated</c>, <c>pagination</c>; <c>?limit=1..100</c>,
    /// default 20, and <c>?offset=</c>). A bad <c>limit</c> or <c>offset</c> is 400 <c>bad-request</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapX402Discovery(this IEndpointRouteBuilder endpoints, string pattern = DiscoveryPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var lastUpdated = (endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        return endpoints.MapGet(pattern, (HttpContext context) =>
        {
            if (!DiscoveryPage.TryRead(context.Request.Query, out var page, out var error))
            {
                return (IResult)new Fontana.AspNetCore.Problems.FontanaProblemResult(Fontana.Core.Errors.ErrorCodes.BadRequest, error!, StatusCodes.Status400BadRequest, null);
            }

            var services = context.RequestServices;
            var json = DiscoveryDocument.Write(
                context.Request,
                services.GetRequiredService<EndpointDataSource>(),
                services.GetRequiredService<ProviderIdentity>(),
                services.GetRequiredService<ChallengeIssuer>(),
                page,
                lastUpdated);
            return Results.Bytes(json, "application/json");
        }).ExcludeFromDescription();
    }
}
