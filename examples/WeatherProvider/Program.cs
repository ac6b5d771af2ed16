using System.Globalization;
using Fontana.AspNetCore;
using Fontana.Core;
using Fontana.Node.Api;
using Fontana.Node.DependencyInjection;
using Fontana.Node.X402;
using WeatherProvider;

// A paid weather API. Configuration (appsettings.json, FONTANA__PROVIDER__… environment variables):
//   Fontana:Provider:PayTo       your fnt1… address (required)
//   Fontana:Provider:ChainId     the chain, e.g. fontana-devnet
//   Fontana:Provider:Settlement  Remote (default here: settle through the node at NodeUrl) or InProcess (host the node here)
var builder = WebApplication.CreateBuilder(args);
var inProcess = builder.Configuration.GetValue("Fontana:Provider:Settlement", SettlementMode.Remote) == SettlementMode.InProcess;
if (inProcess)
{
    // Node and provider in one process: payments settle on the local ledger with no network hop.
    builder.Services.AddFontanaNode(builder.Configuration);
    builder.Services.AddFontanaInProcessSettlement();
}

builder.Services.AddFontanaPayments();
builder.Services.AddSingleton<WeatherService>();

var app = builder.Build();
if (inProcess)
{
    app.MapFontanaNode();
}

// A fixed price per call.
app.MapGet("/weather/{city}", (string city, WeatherService weather, HttpContext context) =>
        Results.Ok(new { city, weather = weather.Now(city), paidBy = context.GetFontanaPayment()?.Payer.ToString() }))
    .RequirePayment("0.001 TIA", "Current weather for a city");

// A price per request: 0.0005 TIA per forecast day (1 to 14).
app.MapGet("/forecast/{city}", (string city, int? days, WeatherService weather) =>
        Results.Ok(new { city, days = weather.Forecast(city, Math.Clamp(days ?? 3, 1, 14)) }))
    .RequirePayment(
        context =>
        {
            var days = int.TryParse(context.Request.Query["days"], CultureInfo.InvariantCulture, out var d) ? Math.Clamp(d, 1, 14) : 3;
            return ValueTask.FromResult(Amount.FromUtia(500 * (ulong)days));
        },
        "Daily forecast, 0.0005 TIA per day");

// Free, and the discovery manifest listing the priced routes.
app.MapGet("/", () => Results.Ok(new { service = "weather", discovery = "/.well-known/x402" }));
app.MapX402Discovery();

app.Run();
