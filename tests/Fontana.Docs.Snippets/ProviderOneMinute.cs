// begin-snippet: provider-one-minute
using Fontana.AspNetCore;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class ProviderOneMinute
{
    public static WebApplication Build(string[] args)
    {
        // begin-snippet: provider-one-minute
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddFontanaPayments(o =>             // also bound from Fontana:Provider, validated at start
        {
            o.PayTo = "fnt1…your provider address";        // `fontana init --wallet provider.key` creates one
            o.ChainId = "fontana-devnet";
            o.Settlement = SettlementMode.Remote;           // settle through the node's x402 facilitator…
            o.NodeUrl = "http://127.0.0.1:5080";            // …at this URL (InProcess needs AddFontanaNode here)
        });
        var app = builder.Build();

        app.MapGet("/weather/{city}", (string city) => $"sunny in {city}").RequirePayment("0.001 TIA", "Current weather");
        app.MapGet("/forecast", () => "…").RequirePayment(ctx => ValueTask.FromResult(PriceOf(ctx)));   // per-request price
        app.MapGroup("/premium").RequirePayment("0.01 TIA");                                             // a whole group
        app.MapX402Discovery();                                                                          // GET /.well-known/x402
        // end-snippet
        return app;
    }

    private static Fontana.Core.Amount PriceOf(HttpContext context) =>
        Fontana.Core.Amount.FromUtia(context.Request.Query.ContainsKey("days") ? 1_000UL : 500UL);
}
