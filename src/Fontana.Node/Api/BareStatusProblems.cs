using Fontana.AspNetCore.Problems;
using Fontana.Core.Errors;

namespace Fontana.Node.Api;

/// <summary>
/// Gives the answers the framework writes without a body — no route (404), a route without this method (405), a body
/// type the route does not accept (415), a body over Kestrel's limit (413), a request Kestrel could not read (400) —
/// a problem+json body with a code like every other error of the node (<c>UseStatusCodePages</c>). Answers that
/// already have a body, and other statuses, are left as they are.
/// </summary>
internal static class BareStatusProblems
{
    public static IApplicationBuilder UseBareStatusProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => WriteAsync(context.HttpContext));

    private static Task WriteAsync(HttpContext context)
    {
        var request = context.Request;
        var (code, detail) = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, $"no route {request.Path}; the node's API is listed at /openapi/v1.json and /scalar"),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.MethodNotAllowed, $"{request.Path} does not take {request.Method}; see the Allow header"),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.UnsupportedMediaType, JsonBody.ContentTypeProblem(request.ContentType) ?? "this route does not take that Content-Type"),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, "the request body is larger than the server accepts"),
            StatusCodes.Status400BadRequest => (ErrorCodes.BadRequest, "the request could not be read"),
            _ => (null, null),
        };
        return code is null ? Task.CompletedTask : FontanaProblems.WriteAsync(context, code, detail!, context.Response.StatusCode);
    }
}
