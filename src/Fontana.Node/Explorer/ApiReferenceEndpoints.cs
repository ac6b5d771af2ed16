using Scalar.AspNetCore;

namespace Fontana.Node.Explorer;

/// <summary>The API docs UI: Scalar at <c>/scalar</c> over the node's OpenAPI document (<c>/openapi/v1.json</c>),
/// its script served from the Scalar.AspNetCore package by the node itself; no request leaves the node.</summary>
internal static class ApiReferenceEndpoints
{
    public static void MapApiReference(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference("/scalar", options => options
            .WithTitle("Fontana node API")
            .DisableDefaultFonts() // no fonts from Scalar's CDN: everything the page loads comes from the node
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
}
