using Fontana.Core.Errors;

namespace Fontana.AspNetCore.Problems;

/// <summary>An endpoint result that answers a Fontana error through <see cref="FontanaProblems.WriteAsync"/>.</summary>
internal sealed class FontanaProblemResult(string code, string detail, int? status, string? title) : IResult, IStatusCodeHttpResult
{
    /// <summary>The stable code.</summary>
    public string Code { get; } = code;

    /// <summary>The human-readable detail.</summary>
    public string Detail { get; } = detail;

    /// <inheritdoc/>
    public int? StatusCode { get; } = status ?? ErrorCatalog.StatusFor(code);

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext) => FontanaProblems.WriteAsync(httpContext, Code, Detail, StatusCode, title);
}
