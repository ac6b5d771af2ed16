using Fontana.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Marketplace;

/// <summary>A real Fontana.AspNetCore provider on Kestrel (127.0.0.1) with priced routes and its discovery document;
/// settlement goes to a node that is never called (reading a catalog pays nothing).</summary>
internal static class CatalogProviderHost
{
    public const string ChainId = "catalog-test";

    /// <summary>Starts the provider with <paramref name="extraRoutes"/> more priced routes (for paging).</summary>
    public static async Task<KestrelHost> StartAsync(int extraRoutes = 0)
    {
        var (host, _) = await PaidApiHost.StartAsync("http://127.0.0.1:9/", ChainId, app =>
        {
            app.MapGet("/weather/{city}", (string city) => Results.Text(city)).RequirePayment("0.001 TIA", "Current weather for a city");
            app.MapPost("/translate", () => Results.Text("ok")).RequirePayment(Amount.FromUtia(2_500), "Translate text between languages");
            app.MapGet("/quote", () => Results.Text("ok")).RequirePayment(_ => ValueTask.FromResult(Amount.FromUtia(7)), "A quote priced per request");
            app.MapGet("/free", () => Results.Text("free"));
            for (var i = 0; i < extraRoutes; i++)
            {
                app.MapGet($"/extra/{i}", () => Results.Text("x")).RequirePayment(Amount.FromUtia(1_000 + (ulong)i), $"extra route {i}");
            }

            app.MapX402Discovery();
        });
        return host;
    }
}
