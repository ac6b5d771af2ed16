using System.Globalization;
using Fontana.AspNetCore;
using Fontana.Core;
using Fontana.Core.Crypto;
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

// Payment sessions: 402s also offer the fontana-session scheme; a consumer with a session pays each call with a
// voucher checked here (no ledger write per call), and this provider claims the charges in batches. Its session ledger
// (every charge, durable before the response leaves) is kept in ~/.fontana/weather-sessions.db unless configured.
var sessionStore = builder.Configuration["Fontana:Provider:Sessions:StorePath"] is { Length: > 0 } configured
    ? configured
    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fontana", "weather-sessions.db");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(sessionStore))!);
builder.Services.AddFontanaSessions(o => o.StorePath = sessionStore);

// Composability (optional): with Weather:Upstream:Url, :NodeUrl and :WalletSeed set, GET /outlook/{city} pays an
// upstream paid weather API from this provider's own wallet, inside its own paid handler.
var upstream = builder.Configuration.GetSection("Weather:Upstream");
var hasUpstream = upstream["Url"] is { Length: > 0 } && upstream["WalletSeed"] is { Length: 64 };
if (hasUpstream)
{
    builder.Services.AddHttpClient("upstream", client => client.BaseAddress = new Uri(upstream["Url"]!))
        .AddFontanaPayments(o =>
        {
            o.NodeUrl = new Uri(upstream["NodeUrl"] ?? "http://127.0.0.1:5080/");
            o.SigningKey = PrivateKey.FromSeed(Convert.FromHexString(upstream["WalletSeed"]!));
            o.MaxPricePerCall = Amount.Parse("0.01 TIA");
        });
}

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

// A price by usage: a report of up to 100 words costs 0.00001 TIA (10 utia) per word actually written, set after the
// work; the route's price (0.001 TIA) is the most a call can cost. Paid through a session, a call is charged what the
// handler set, and a failed call (5xx, exception) nothing; paid with exact, it costs the route's price.
app.MapGet("/report/{city}", (string city, int? words, WeatherService weather, HttpContext context) =>
    {
        var report = weather.Report(city, Math.Clamp(words ?? 40, 1, 100));
        var count = report.Split(' ').Length;
        context.SetFontanaPrice(Amount.FromUtia(10 * (ulong)count), $"{count} words");
        return Results.Ok(new { city, report, words = count });
    })
    .RequirePayment("0.001 TIA", "Weather report, 0.00001 TIA per word written (at most 100 words)");

if (hasUpstream)
{
    app.MapGet("/outlook/{city}", async (string city, IHttpClientFactory clients, CancellationToken cancellationToken) =>
        {
            // Paid for by the caller (0.002 TIA); this handler pays the upstream call (its price) with our wallet.
            var upstreamClient = clients.CreateClient("upstream");
            var upstreamWeather = await upstreamClient.GetStringAsync(new Uri($"weather/{Uri.EscapeDataString(city)}", UriKind.Relative), cancellationToken);
            return Results.Ok(new { city, upstream = upstreamWeather, outlook = "take an umbrella, just in case" });
        })
        .RequirePayment("0.002 TIA", "Outlook built on an upstream paid weather API");
}

// Free, and the discovery manifest listing the priced routes.
app.MapGet("/", () => Results.Ok(new { service = "weather", discovery = "/.well-known/x402" }));
app.MapX402Discovery();

app.Run();
