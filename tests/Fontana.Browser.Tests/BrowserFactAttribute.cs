namespace Fontana.Browser.Tests;

/// <summary>A browser test: skipped with the reason when Chromium is missing, except under CI (<c>CI=true</c>), where a
/// missing browser is a failure rather than a silent skip.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no Chromium can be found outside CI.</summary>
    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "browser tests need Chromium (apt-get install chromium, or FONTANA_CHROMIUM=path); not run";
        }
    }
}
