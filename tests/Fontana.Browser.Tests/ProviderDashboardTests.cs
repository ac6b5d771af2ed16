using System.Net;
using Microsoft.Playwright;

namespace Fontana.Browser.Tests;

/// <summary>The provider dashboard of the devnet's demo paid API, in a real Chromium.</summary>
public sealed class ProviderDashboardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly List<string> _errors = [];

    [BrowserFact]
    public async Task Dashboard_AfterPaidCall_ShowsTheCallRevenueAndPayer()
    {
        var dashboard = fixture.Devnet.Started.GetProperty("dashboard").GetString()!;
        var payer = fixture.Devnet.Started.GetProperty("address").GetString()!;
        var page = await fixture.NewPageAsync(_errors);
        await page.GotoAsync(dashboard);
        await Assertions.Expect(page.GetByTestId("paid")).ToHaveTextAsync("0");

        await fixture.Devnet.RunJsonAsync("call", fixture.Devnet.Url + "/demo/fortune");

        // The page polls its JSON: the paid call appears without a reload.
        await Assertions.Expect(page.GetByTestId("paid")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("revenue")).ToHaveTextAsync("0.001 TIA");
        await Assertions.Expect(page.GetByTestId("routes")).ToContainTextAsync("/demo/fortune");
        await Assertions.Expect(page.GetByTestId("payers")).ToContainTextAsync(payer);
        await BrowserFixture.ScreenshotAsync(page, "provider-dashboard");
        _errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Dashboard_WithoutOrWithWrongKey_401()
    {
        using var http = new HttpClient();
        (await http.GetAsync(fixture.Devnet.Url + "/provider/")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync(fixture.Devnet.Url + "/provider/api/stats")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync(fixture.Devnet.Url + "/provider/api/stats?key=wrong")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Devnet.Url + "/provider/api/stats");
        request.Headers.Authorization = new("Bearer", "devnet-0000");
        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
