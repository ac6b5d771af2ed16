namespace Fontana.AspNetCore.PaidCalls;

/// <summary>Start-up checks of <see cref="PaidCallOptions"/>; every message names its key.</summary>
internal static class PaidCallOptionsValidator
{
    public static void Validate(PaidCallOptions? options, TimeSpan challengeLifetime, string prefix, List<string> errors)
    {
        if (options is null)
        {
            errors.Add(prefix[..^1] + " must not be null");
            return;
        }

        switch (options.Store)
        {
            case PaidCallStoreKind.Memory:
                break;
            case PaidCallStoreKind.Sqlite when string.IsNullOrWhiteSpace(options.SqlitePath):
                errors.Add($"{prefix}SqlitePath is required when {prefix}Store is Sqlite");
                break;
            case PaidCallStoreKind.PostgreSql when string.IsNullOrWhiteSpace(options.ConnectionString):
                errors.Add($"{prefix}ConnectionString is required when {prefix}Store is PostgreSql");
                break;
            case PaidCallStoreKind.Sqlite or PaidCallStoreKind.PostgreSql:
                break;
            default:
                errors.Add($"{prefix}Store must be Memory, Sqlite or PostgreSql");
                break;
        }

        if (options.Store == PaidCallStoreKind.PostgreSql && string.IsNullOrWhiteSpace(options.Schema))
        {
            errors.Add($"{prefix}Schema must not be empty");
        }

        if (options.MaxStoredResponseBytes is < 1 or > 64 << 20)
        {
            errors.Add($"{prefix}MaxStoredResponseBytes must be between 1 and {64 << 20} (got {options.MaxStoredResponseBytes})");
        }

        if (options.Retention < challengeLifetime)
        {
            errors.Add($"{prefix}Retention {options.Retention} must be at least the challenge lifetime ({challengeLifetime})");
        }

        if (options.ExecutionLease < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{prefix}ExecutionLease must be at least 00:00:01 (got {options.ExecutionLease})");
        }
    }
}
