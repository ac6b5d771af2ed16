using Fontana.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Fontana.AspNetCore.Problems;

/// <summary>
/// The one writer of Fontana's error answers, used by the node, the facilitator and the provider middleware:
/// RFC 9457 <c>application/problem+json</c> carrying the stable <c>code</c> extension from
/// <see cref="ErrorCodes"/>, the status and <c>type</c> (<c>urn:fontana:problem:&lt;code&gt;</c>) from
/// <see cref="ErrorCatalog"/>, written through the host's <see cref="IProblemDetailsService"/> (so a host's
/// <c>AddProblemDetails(o =&gt; o.CustomizeProblemDetails = …)</c> applies to every Fontana error too).
/// </summary>
public static class FontanaProblems
{
    /// <summary>The media type of every error answer.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>
    /// The problem for <paramref name="code"/>: status <paramref name="status"/> or, when null, the catalogue's
    /// (<see cref="ErrorCatalog.StatusFor"/>); title <paramref name="title"/> or the catalogue's for the status.
    /// </summary>
    public static ProblemDetails Create(string code, string detail, int? status = null, string? title = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var answered = status ?? ErrorCatalog.StatusFor(code);
        var problem = new ProblemDetails
        {
            Type = ErrorCatalog.TypeFor(code),
            Title = title ?? ErrorCatalog.TitleFor(answered),
            Status = answered,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>
    /// Writes the problem for <paramref name="code"/> as the response (see <see cref="Create"/> for the defaults).
    /// Falls back to writing the JSON itself when the host has no <see cref="IProblemDetailsService"/> or none of
    /// its writers accepts the request (e.g. <c>Accept: text/html</c>): an error answer is always problem+json.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, string code, string detail, int? status = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = Create(code, detail, status, title);
        context.Response.StatusCode = problem.Status!.Value;
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false))
        {
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: ContentType, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The problem for <paramref name="code"/> as an endpoint result (written by <see cref="WriteAsync"/>).</summary>
    public static IResult Result(string code, string detail, int? status = null, string? title = null) =>
        new FontanaProblemResult(code, detail, status, title);
}
