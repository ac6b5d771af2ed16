using System.CommandLine;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;

namespace Fontana.Cli.Infrastructure;

/// <summary>The CLI's access to the wallet store: <c>--store PATH</c>, else <c>$FONTANA_WALLET_STORE</c>, else the
/// SQLite file next to the wallet (<c>wallet.key</c> → <c>wallet.db</c>). A value starting with <c>Host=</c> is a
/// PostgreSQL connection string.</summary>
internal static class CliStore
{
    /// <summary>Environment variable naming the store.</summary>
    public const string Variable = "FONTANA_WALLET_STORE";

    /// <summary>The <c>--store</c> option (added by each command that uses the store).</summary>
    public static Option<string?> CreateOption() => new("--store") { Description = "Wallet store: a SQLite file or a PostgreSQL connection string (default: wallet.db next to the wallet)", HelpName = "STORE" };

    public static string Location(CliContext context, Option<string?> option) =>
        context.Parse.GetValue(option) ?? Environment.GetEnvironmentVariable(Variable) ?? WalletStore.DefaultPathFor(context.WalletPath);

    /// <summary>True when <paramref name="location"/> is a PostgreSQL connection string (starts with <c>Host=</c>).</summary>
    public static bool IsPostgres(string location) => location.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the wallet's store; store errors become CLI errors with the store's code.</summary>
    public static WalletStore Open(CliContext context, Option<string?> option)
    {
        var location = Location(context, option);
        var wallet = CliWallet.ReadAddress(context);
        try
        {
            return IsPostgres(location)
                ? WalletStore.OpenPostgres(location, wallet)
                : WalletStore.OpenSqlite(location, wallet);
        }
        catch (WalletStoreException ex)
        {
            throw new CliFailure(ex.Code, WithoutCode(ex.Code, ex.Message));
        }
    }

    /// <summary>A scope argument, or a <c>bad-argument</c> error.</summary>
    public static PermissionScope Scope(string? text) =>
        PermissionScope.TryParse(text, out var scope, out var error) ? scope : throw new CliFailure(CliErrorCodes.BadArgument, error);

    public static string WithoutCode(string code, string message) =>
        message.StartsWith(code + ": ", StringComparison.Ordinal) ? message[(code.Length + 2)..] : message;
}
