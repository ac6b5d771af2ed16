using Microsoft.Playwright;

namespace Fontana.Browser.Tests;

/// <summary>Debian's Chromium (<c>apt-get install chromium</c>), or the one <c>FONTANA_CHROMIUM</c> names, driven by
/// Playwright. CI installs it; elsewhere the browser tests are skipped, and say why, when it is missing.</summary>
internal static class Chromium
{
    public static string? ExecutablePath { get; } = Find();

    private static string? Find()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("FONTANA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"];
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium, or set FONTANA_CHROMIUM"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu"],
        });
        return (playwright, browser);
    }
}
