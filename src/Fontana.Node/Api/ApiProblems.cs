using Fontana.AspNetCore.Problems;
using Fontana.Core.Errors;

namespace Fontana.Node.Api;

/// <summary>
/// Shorthands for the node API's error results; every one is written by the one Fontana problem writer
/// (<see cref="FontanaProblems"/>): problem+json with the stable <c>code</c>, <c>type</c> <c>urn:fontana:problem:&lt;code&gt;</c>.
/// </summary>
internal static class ApiProblems
{
    /// <summary>A problem with an explicit status.</summary>
    public static IResult Create(int status, string code, string detail) => FontanaProblems.Result(code, detail, status);

    /// <summary>A problem whose status follows from its code (<see cref="ErrorCatalog.StatusFor"/>).</summary>
    public static IResult ForCode(string code, string detail) => FontanaProblems.Result(code, detail);

    /// <summary>404 <c>not-found</c>.</summary>
    public static IResult NotFound(string what) => Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, what);
}
