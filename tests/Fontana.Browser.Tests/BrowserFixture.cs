using Microsoft.Playwright;

namespace Fontana.Browser.Tests;

/// <summary>One devnet and one Chromium shared by the browser tests of a class; each test opens its own page and
/// fails on any console error or uncaught page error.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The devnet under test.</summary>
    public Devnet Devnet { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (Chromium.ExecutablePath is null)
        {
            return; // the tests are skipped (BrowserFact) or fail with the install hint under CI
        }

        // These machines are shared and slow under load: assertions wait up to a minute for the page to get there.
        Assertions.SetDefaultExpectTimeout(60_000);
        Devnet = await Devnet.StartAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh page whose console errors and page errors are collected into <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string> errors)
    {
        var browser = _browser ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium, or set FONTANA_CHROMIUM");
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        page.SetDefaultTimeout(30_000);
        return page;
    }

    /// <summary>Saves a screenshot under <c>$FONTANA_SCREENSHOTS</c> when that variable names a folder (docs/images).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FONTANA_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Devnet is not null)
        {
            await Devnet.DisposeAsync();
        }
    }
}
