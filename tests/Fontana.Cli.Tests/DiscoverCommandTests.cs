using Fontana.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Cli.Tests;

/// <summary><c>fontana discover URL</c> against a real provider (Fontana.AspNetCore on Kestrel, 127.0.0.1) and against
/// servers answering what a catalog must not be.</summary>
public sealed class DiscoverCommandTests : IDisposable
{
    private readonly TempDirectory _home = new("cli-discover");

    [Fact]
    public async Task Discover_Provider_PrintsTheCatalogAsATable()
    {
        await using var provider = await StartProviderAsync();

        var run = await FontanaProcess.RunAsync(_home.Path, "discover", provider.BaseAddress.ToString());

        run.ExitCode.ShouldBe(0, run.ToString());
        var lines = run.Out.Split('\n');
        lines[0].ShouldStartWith("provider fnt1");
        lines[0].ShouldContain("on fontana:discover-cli");
        lines.ShouldContain(l => l.Contains("/weather/{city}") && l.Contains("GET") && l.Contains("0.001 TIA") && l.Contains("exact") && l.Contains("fontana:discover-cli") && l.Contains("Current weather"));
        lines.ShouldContain(l => l.Contains("/translate") && l.Contains("POST") && l.Contains("0.0025 TIA"));
        lines.ShouldContain(l => l.Contains("/quote") && l.Contains("per request"));
        run.Out.ShouldContain("3 paid resources at " + provider.BaseAddress + ".well-known/x402");
        run.Out.ShouldNotContain("/free");
    }

    [Fact]
    public async Task DiscoverJson_SearchDescription_OneObjectWithTheMatchingResource()
    {
        await using var provider = await StartProviderAsync();

        var run = await FontanaProcess.RunAsync(_home.Path, "discover", provider.BaseAddress.ToString(), "--search", "translate languages", "--json");

        run.ExitCode.ShouldBe(0, run.ToString());
        var json = run.ParseJson();
        json.GetProperty("x402Version").GetInt32().ShouldBe(2);
        json.GetProperty("total").GetInt32().ShouldBe(3);
        json.GetProperty("provider").GetProperty("network").GetString().ShouldBe("fontana:discover-cli");
        var resource = json.GetProperty("resources").EnumerateArray().ShouldHaveSingleItem();
        resource.GetProperty("path").GetString().ShouldBe("/translate");
        resource.GetProperty("methods")[0].GetString().ShouldBe("POST");
        var offer = resource.GetProperty("offers")[0];
        offer.GetProperty("amount").GetString().ShouldBe("2500");
        offer.GetProperty("asset").GetString().ShouldBe("utia");
        offer.GetProperty("scheme").GetString().ShouldBe("exact");
    }

    [Fact]
    public async Task Discover_BadAnswers_EachItsCode()
    {
        await using var server = await KestrelHost.StartAsync(new Dictionary<string, string?>(), _ => { }, app =>
        {
            app.MapGet("/html/.well-known/x402", () => Results.Text("<html></html>", "text/html"));
            app.MapGet("/broken", () => Results.Text("""{"x402Version":2,"items":[{"resource":"r"}]}""", "application/json"));
            app.MapGet("/huge", () => Results.Text("{\"x402Version\":2,\"items\":[]" + new string(' ', 3000) + "}", "application/json"));
        });
        var root = server.BaseAddress.ToString();

        var html = await FontanaProcess.RunAsync(_home.Path, "discover", root + "html/.well-known/x402");
        var broken = await FontanaProcess.RunAsync(_home.Path, "discover", root + "broken", "--json");
        var huge = await FontanaProcess.RunAsync(_home.Path, "discover", root + "huge", "--max-bytes", "2048");
        var missing = await FontanaProcess.RunAsync(_home.Path, "discover", root);
        var unreachable = await FontanaProcess.RunAsync(_home.Path, "discover", $"http://127.0.0.1:{FontanaProcess.FreePort()}/");
        var notUrl = await FontanaProcess.RunAsync(_home.Path, "discover", "ftp://example");

        html.ExitCode.ShouldBe(1, html.ToString());
        html.Err.ShouldStartWith("error discovery-content-type: ");
        broken.ExitCode.ShouldBe(1, broken.ToString());
        broken.ParseJson().GetProperty("code").GetString().ShouldBe("discovery-malformed");
        broken.ParseJson().GetProperty("message").GetString()!.ShouldContain("items[0].accepts is missing");
        huge.Err.ShouldStartWith("error discovery-too-large: ");
        missing.Err.ShouldStartWith("error discovery-failed: ");
        missing.Err.ShouldContain("HTTP 404");
        unreachable.Err.ShouldStartWith("error discovery-unreachable: ");
        notUrl.ExitCode.ShouldBe(1, notUrl.ToString());
        notUrl.Err.ShouldStartWith("error bad-argument: ");
        foreach (var run in new[] { html, broken, huge, missing, unreachable, notUrl })
        {
            run.Err.ShouldNotContain("   at ");
        }
    }

    public void Dispose() => _home.Dispose();

    private static async Task<KestrelHost> StartProviderAsync()
    {
        var (host, _) = await PaidApiHost.StartAsync("http://127.0.0.1:9/", "discover-cli", app =>
        {
            app.MapGet("/weather/{city}", (string city) => Results.Text(city)).RequirePayment("0.001 TIA", "Current weather for a city");
            app.MapPost("/translate", () => Results.Text("ok")).RequirePayment(Amount.FromUtia(2_500), "Translate text between languages");
            app.MapGet("/quote", () => Results.Text("ok")).RequirePayment(_ => ValueTask.FromResult(Amount.FromUtia(7)), "A quote priced per request");
            app.MapGet("/free", () => Results.Text("free"));
            app.MapX402Discovery();
        });
        return host;
    }
}
