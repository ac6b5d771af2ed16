using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Fontana.Browser.Tests;

/// <summary>The node's explorer in a real Chromium against a real devnet process.</summary>
public sealed class ExplorerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly List<string> _errors = [];

    [BrowserFact]
    public async Task Dashboard_Open_TipAdvancesLive()
    {
        var page = await fixture.NewPageAsync(_errors);
        await page.GotoAsync(fixture.Devnet.Url + "/");
        var tip = page.GetByTestId("tip-height");
        await Assertions.Expect(tip).ToHaveTextAsync(new Regex(@"^\d+$"));
        var first = ulong.Parse(await tip.TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        // No reload: the page follows /v1/stream's headers.
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-testid=tip-height]')?.textContent) > {first}");
        await Assertions.Expect(page.GetByTestId("blocks")).ToContainTextAsync("empty");
        await Assertions.Expect(page.Locator("#live")).ToHaveClassAsync(new Regex("on"));
        await BrowserFixture.ScreenshotAsync(page, "explorer-dashboard");
        _errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task TransactionPage_AfterTransfer_ShowsReceiptAndVerifiedProof_AndAddressSearchFindsIt()
    {
        using var key = Fontana.Core.Crypto.PrivateKey.Generate();
        var recipient = new Fontana.Core.Address(key.PublicKey).ToString();
        var transfer = await fixture.Devnet.RunJsonAsync("transfer", "--to", recipient, "--amount", "1.25 TIA");
        var txId = transfer.GetProperty("txId").GetString()!;
        var page = await fixture.NewPageAsync(_errors);

        await page.GotoAsync($"{fixture.Devnet.Url}/#/tx/{txId}");
        await Assertions.Expect(page.GetByTestId("txid")).ToHaveTextAsync(txId);
        await Assertions.Expect(page.GetByTestId("receipt")).ToContainTextAsync("sequence");
        // The page follows the tx's status on the stream until it is sealed, then checks the proof itself.
        await Assertions.Expect(page.GetByTestId("proof-check")).ToContainTextAsync("inclusion proof verified", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".check.bad")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "explorer-transaction");

        await page.GetByLabel("search").FillAsync(recipient);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("address")).ToHaveTextAsync(recipient);
        await Assertions.Expect(page.GetByTestId("utxos")).ToContainTextAsync(txId);
        await Assertions.Expect(page.GetByTestId("utxos")).ToContainTextAsync("1.25 TIA");
        await BrowserFixture.ScreenshotAsync(page, "explorer-address");
        _errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Dashboard_AfterWithdraw_ListsTheWithdrawalWithItsStatus_AndTheDepositQueue()
    {
        const string l1Address = "celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t5";
        var withdrawal = await fixture.Devnet.RunJsonAsync("withdraw", "--amount", "0.5 TIA", "--l1-address", l1Address);
        var txId = withdrawal.GetProperty("txId").GetString()!;
        var page = await fixture.NewPageAsync(_errors);

        await page.GotoAsync(fixture.Devnet.Url + "/");

        var withdrawals = page.GetByTestId("withdrawals");
        await Assertions.Expect(withdrawals).ToContainTextAsync(txId);
        await Assertions.Expect(withdrawals).ToContainTextAsync(l1Address);
        await Assertions.Expect(withdrawals).ToContainTextAsync("0.5 TIA");
        await Assertions.Expect(withdrawals.Locator("tr", new() { HasText = txId }).Locator(".badge"))
            .ToHaveTextAsync(new Regex("^(pending|paying|paid|confirmed)$"));
        await Assertions.Expect(page.GetByTestId("deposits")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("bridge-error")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "explorer-bridge");
        _errors.ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task UnknownTxHeightAndMalformedSearch_PageSaysSo_ApiAnswers404()
    {
        var unknown = new string('7', 64);
        var page = await fixture.NewPageAsync(_errors);

        await page.GotoAsync($"{fixture.Devnet.Url}/#/tx/{unknown}");
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await page.GotoAsync($"{fixture.Devnet.Url}/#/block/99999999");
        await Assertions.Expect(page.GetByTestId("not-found")).ToContainTextAsync("99999999");
        await page.GetByLabel("search").FillAsync("not a thing <script>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("not-found")).ToContainTextAsync("not a block height, a txid or an address");

        using var http = new HttpClient();
        (await http.GetAsync($"{fixture.Devnet.Url}/v1/transactions/{unknown}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync($"{fixture.Devnet.Url}/v1/blocks/99999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // 404s of the API are expected console noise of the browser ("Failed to load resource"); nothing else is.
        _errors.Where(e => !e.Contains("404", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task ApiDocs_Scalar_ServedLocallyAndListsTheApi()
    {
        var page = await fixture.NewPageAsync(_errors);
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.Devnet.Url, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };

        await page.GotoAsync(fixture.Devnet.Url + "/scalar/", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 120_000 });
        await Assertions.Expect(page.GetByText("/v1/transactions").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        external.ShouldBeEmpty();
        await BrowserFixture.ScreenshotAsync(page, "api-docs");
    }
}
