using System.Security.Cryptography;
using System.Text;
using Fontana.AspNetCore.Dashboard;
using Fontana.AspNetCore.Problems;
using Fontana.AspNetCore.Sessions;
using Fontana.Core.Errors;

namespace Microsoft.AspNetCore.Builder;

/// <summary><c>app.MapFontanaProviderDashboard(...)</c>: the provider's revenue and payment dashboard.</summary>
public static class ProviderDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the provider dashboard at <paramref name="pattern"/> (a page) and <c>{pattern}/api/stats</c> (its JSON):
    /// calls paid / refused by reason / free / rate-limited, revenue by route and by day, top payers, settle latency, and
    /// the open payment sessions when the host takes them.
    /// Both answer 401 unless the request carries <paramref name="key"/>, as <c>Authorization: Bearer KEY</c> or
    /// <c>?key=KEY</c> (the page passes it on to its JSON calls). Chain <c>.RequireAuthorization()</c> on the returned
    /// group to put it behind the host's own authentication as well. Requires <c>AddFontanaPayments()</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty: the dashboard is never open.</exception>
    public static RouteGroupBuilder MapFontanaProviderDashboard(this IEndpointRouteBuilder endpoints, string key, string pattern = "/fontana/dashboard")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var group = endpoints.MapGroup(pattern).ExcludeFromDescription();
        // The script holds no data: it is public, so the page's <script src> needs no key.
        group.MapGet("/dashboard.js", () => Asset("dashboard.js", "text/javascript; charset=utf-8"));
        var keyed = group.MapGroup(string.Empty);
        keyed.AddEndpointFilter(async (context, next) =>
            Authorized(context.HttpContext.Request, keyBytes)
                ? await next(context)
                : FontanaProblems.Result(ErrorCodes.Unauthorized, "the provider dashboard needs its key: Authorization: Bearer KEY or ?key=KEY"));
        keyed.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8"));
        keyed.MapGet("/api/stats", (ProviderStatistics statistics, IServiceProvider services) => TypedResults.Json(
            statistics.Snapshot() with { Sessions = services.GetService<SessionBook>() is { } book ? SessionsOverview.From(book) : null },
            DashboardJson.Options));
        return group;
    }

    private static bool Authorized(HttpRequest request, byte[] key)
    {
        string? presented = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }
        else if (request.Query.TryGetValue("key", out var query))
        {
            presented = query.ToString();
        }

        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), key);
    }

    private static IResult Asset(string name, string contentType)
    {
        var stream = typeof(ProviderStatistics).Assembly.GetManifestResourceStream("Fontana.AspNetCore.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"embedded dashboard asset {name} is missing");
        return Results.Stream(stream, contentType);
    }
}
