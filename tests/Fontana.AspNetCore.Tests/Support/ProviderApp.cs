using Fontana.Core;
using Fontana.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>
/// A provider on real Kestrel (127.0.0.1, ephemeral port) with priced routes — <c>/weather</c> (0.001 TIA),
/// <c>/forecast</c> (0.002 TIA), <c>/news</c> (0.001 TIA), <c>/dynamic?units=n</c> (n × 1000 utia), <c>/free</c>, MVC <c>/mvc/weather</c>
/// (<c>[Charge]</c>), <c>POST /echo</c> and <c>/large</c> (0.001 TIA, 4 KB of text), <c>/mvc/plain</c> (0.004 TIA by a convention on all controllers, which [Charge] overrides) — and discovery; settling in process on the chain's ledger, or remotely through a node.
/// </summary>
internal sealed class ProviderApp : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _weatherCalls;

    private ProviderApp()
    {
    }

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How many times the <c>/weather</c> handler ran.</summary>
    public int WeatherCalls => Volatile.Read(ref _weatherCalls);

    /// <summary>How many times the handler of <paramref name="route"/> (<c>/echo</c>, <c>/large</c>) ran.</summary>
    public int CallsOf(string route) => _calls.GetValueOrDefault(route);

    public static async Task<ProviderApp> StartAsync(
        TestChain chain, SettlementMode mode = SettlementMode.InProcess, Uri? nodeUrl = null, Action<FontanaProviderOptions>? configure = null, Uri? listenOn = null)
    {
        var provider = new ProviderApp();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(listenOn?.ToString().TrimEnd('/') ?? "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(chain.Time);
        if (mode == SettlementMode.InProcess)
        {
            builder.Services.AddSingleton<ILedger>(chain.Ledger);
            builder.Services.AddFontanaInProcessSettlement();
        }

        builder.Services.AddFontanaPayments(o =>
        {
            o.PayTo = chain.ProviderAddress.ToString();
            o.ChainId = TestChain.ChainId;
            o.ChallengeKeySeed = Convert.ToHexString(chain.Provider.ExportSeed());
            o.Settlement = mode;
            o.NodeUrl = nodeUrl?.ToString();
            configure?.Invoke(o);
        });
        builder.Services.AddControllers().AddApplicationPart(typeof(ChargedController).Assembly);

        var app = builder.Build();
        app.MapGet("/weather", () =>
        {
            Interlocked.Increment(ref provider._weatherCalls);
            return Results.Ok(new { forecast = "sunny" });
        }).RequirePayment("0.001 TIA", "Today's weather");
        app.MapPost("/echo", async (HttpContext context) =>
        {
            provider._calls.AddOrUpdate("/echo", 1, (_, n) => n + 1);
            using var reader = new StreamReader(context.Request.Body);
            return Results.Ok(new { echo = await reader.ReadToEndAsync(), call = provider.CallsOf("/echo") });
        }).RequirePayment("0.001 TIA");
        app.MapGet("/large", () =>
        {
            provider._calls.AddOrUpdate("/large", 1, (_, n) => n + 1);
            return Results.Text(new string('x', 4096));
        }).RequirePayment("0.001 TIA");
        app.MapGet("/news", () => Results.Ok(new { news = "none" })).RequirePayment("0.001 TIA");
        app.MapGet("/forecast", () => Results.Ok(new { forecast = "rain" })).RequirePayment("0.002 TIA");
        app.MapGet("/dynamic", (HttpContext context) => Results.Ok(new { paid = context.GetFontanaPayment()?.Amount.Utia }))
            .RequirePayment(context => ValueTask.FromResult(
                Amount.FromUtia(1000 * ulong.Parse(context.Request.Query["units"].ToString() is { Length: > 0 } u ? u : "1", System.Globalization.CultureInfo.InvariantCulture))));
        app.MapGet("/free", () => Results.Ok(new { free = true }));
        app.MapGet("/tiered", () => Results.Ok(new { tiered = true })).RequirePayment("0.001 TIA").WithFreeTier(2, TimeSpan.FromMinutes(1));
        app.MapGet("/limited", () => Results.Ok(new { limited = true })).RequirePayment("0.001 TIA").WithPaymentRateLimit(1, TimeSpan.FromMinutes(1));
        app.MapControllers().RequirePayment("0.004 TIA");
        app.MapX402Discovery();
        await app.StartAsync();

        provider.App = app;
        provider.BaseAddress = new Uri(app.Urls.First());
        provider.Client = new HttpClient { BaseAddress = provider.BaseAddress };
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
