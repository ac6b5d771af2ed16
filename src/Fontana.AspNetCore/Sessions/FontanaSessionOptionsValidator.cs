using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Sessions;

/// <summary>Checks <see cref="FontanaSessionOptions"/> at start-up; each failure names its key.</summary>
internal sealed class FontanaSessionOptionsValidator : IValidateOptions<FontanaSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, FontanaSessionOptions options)
    {
        var failures = new List<string>();
        const string Section = FontanaSessionOptions.SectionName;
        if (options.Enabled && string.IsNullOrWhiteSpace(options.StorePath))
        {
            failures.Add($"{Section}:StorePath is required when sessions are enabled");
        }

        if (options.ClaimInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:ClaimInterval must be positive");
        }

        if (options.ExpiryMargin < TimeSpan.Zero)
        {
            failures.Add($"{Section}:ExpiryMargin cannot be negative");
        }

        if (options.ClaimFeeUtia == 0)
        {
            failures.Add($"{Section}:ClaimFeeUtia must be at least the chain's minimum fee");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
