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
    /// <c>RequirePayment</c> and MVC actions with <see cref="ChargeAttribute"/>), their prices and network.
    /// </summary>
    public static IEndpointConventionBuilder MapX402Discovery(this IEndpointRouteBuilder endpoints, string pattern = DiscoveryPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, static (HttpContext context) =>
        {
            var services = context.RequestServices;
            var json = DiscoveryDocument.Write(
                context.Request,
                services.GetRequiredService<EndpointDataSource>(),
                services.GetRequiredService<ProviderIdentity>(),
                services.GetRequiredService<ChallengeIssuer>());
            return Results.Bytes(json, "application/json");
        }).ExcludeFromDescription();
    }
}
