using Fontana.Core.Api;

namespace Fontana.Node.Api;

/// <summary>RFC 9457 <c>application/problem+json</c> results carrying the stable <c>code</c> extension.</summary>
internal static class ApiProblems
{
    /// <summary>A problem with an explicit status.</summary>
    public static IResult Create(int status, string code, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: TitleFor(status),
            type: TypeFor(code),
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });

    /// <summary>A problem whose status follows from its code (<see cref="ProblemStatus.For"/>).</summary>
    public static IResult ForCode(string code, string detail) => Create(ProblemStatus.For(code), code, detail);

    public static IResult NotFound(string what) => Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, what);

    /// <summary>The problem's <c>type</c> URI: stable per code.</summary>
    public static string TypeFor(string code) => "urn:fontana:problem:" + code;

    private static string TitleFor(int status) => status switch
    {
        400 => "Malformed request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        422 => "Rejected",
        503 => "Not ready",
        _ => "Error",
    };
}
