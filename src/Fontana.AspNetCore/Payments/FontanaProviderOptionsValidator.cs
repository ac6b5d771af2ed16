using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.AspNetCore.PaidCalls;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Payments;

/// <summary>Start-up validation of <see cref="FontanaProviderOptions"/>; every message names its configuration key.</summary>
internal sealed class FontanaProviderOptionsValidator : IValidateOptions<FontanaProviderOptions>
{
    private const string Prefix = FontanaProviderOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, FontanaProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PayTo))
        {
            errors.Add(Prefix + "PayTo is required: the provider's receiving address (fnt1…)");
        }
        else if (!Address.TryParse(options.PayTo, out _, out var addressError))
        {
            errors.Add($"{Prefix}PayTo: {addressError}");
        }

        if (!ChainIdFormat.IsValid(options.ChainId))
        {
            errors.Add($"{Prefix}ChainId \"{options.ChainId}\" is invalid: 1 to 32 characters from [a-z0-9-], e.g. fontana-devnet");
        }

        if (options.ChallengeKey is null)
        {
            if (!ChallengeKeyLoader.TryLoadConfigured(options, out var key, out var keyError))
            {
                errors.Add(keyError);
            }

            key?.Dispose();
        }

        if (options.ChallengeLifetime < TimeSpan.FromSeconds(1) || options.ChallengeLifetime > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}ChallengeLifetime {options.ChallengeLifetime} must be between 00:00:01 and 01:00:00");
        }

        if (!Enum.IsDefined(options.Settlement))
        {
            errors.Add($"{Prefix}Settlement must be InProcess or Remote");
        }

        if (options.Settlement == SettlementMode.Remote && string.IsNullOrWhiteSpace(options.NodeUrl))
        {
            errors.Add(Prefix + "NodeUrl is required when Settlement is Remote (e.g. http://127.0.0.1:5080)");
        }

        CheckUrl(options.NodeUrl, "NodeUrl", errors);
        CheckUrl(options.LedgerUrl, "LedgerUrl", errors);
        if (options.SettledPaymentCapacity < 1)
        {
            errors.Add($"{Prefix}SettledPaymentCapacity must be at least 1 (got {options.SettledPaymentCapacity})");
        }

        PaidCallOptionsValidator.Validate(options.PaidCalls, options.ChallengeLifetime, Prefix + "PaidCalls:", errors);
        if (options.RemoteSettlementTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}RemoteSettlementTimeout must be positive");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(string? value, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Prefix}{key} \"{value}\" must be an absolute http(s) URL");
        }
    }
}
