namespace Fontana.AspNetCore.Demo;

/// <summary>The devnet's demo paid API: <c>GET /demo/fortune</c> for 0.001 TIA, for a first <c>fontana call</c>.</summary>
public static class DemoFortuneEndpoints
{
    /// <summary>The demo's route.</summary>
    public const string Pattern = "/demo/fortune";

    /// <summary>The demo's price.</summary>
    public const string Price = "0.001 TIA";

    private static readonly string[] Fortunes =
    [
        "A penny paid is a request served.",
        "Your next call settles in under a millisecond.",
        "The state root remembers what you forget.",
        "Small payments, many times, make a large river.",
        "He who verifies offline sleeps well.",
        "An empty block is still a block.",
    ];

    /// <summary>Maps <c>GET /demo/fortune</c> priced at 0.001 TIA; answers a fortune, the payer and the txid.</summary>
    public static RouteHandlerBuilder MapDemoFortune(this IEndpointRouteBuilder endpoints, string pattern = Pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, static (HttpContext context) =>
        {
            var payment = context.GetFontanaPayment();
            return Results.Ok(new DemoFortune(
                Fortunes[Random.Shared.Next(Fortunes.Length)],
                payment?.Payer.ToString(),
                payment?.TxId.ToString()));
        }).RequirePayment(Price, "A fortune cookie (Fontana demo)");
    }
}
