using System.Text.RegularExpressions;
using Fontana.Node.Options;

namespace Fontana.Cli.Infrastructure;

/// <summary>Named wallets (profiles): <c>~/.fontana/wallets/NAME.key</c> (its store <c>NAME.db</c> next to it), the
/// active one named in <c>~/.fontana/active-wallet</c>. The CLI's default wallet follows the active profile;
/// <c>default</c> is <c>~/.fontana/wallet.key</c>.</summary>
internal static partial class CliProfiles
{
    public const string Default = "default";

    public static string Directory => Path.Combine(FontanaNodeOptions.DefaultDataDir(), "wallets");

    public static string ActiveFile => Path.Combine(FontanaNodeOptions.DefaultDataDir(), "active-wallet");

    public static string DefaultWalletPath => Path.Combine(FontanaNodeOptions.DefaultDataDir(), "wallet.key");

    /// <summary>The key file of profile <paramref name="name"/>; <c>bad-argument</c> for a name that is not
    /// 1–64 of <c>a-z 0-9 _ -</c>.</summary>
    public static string PathOf(string name)
    {
        if (name == Default)
        {
            return DefaultWalletPath;
        }

        if (!ValidName().IsMatch(name))
        {
            throw new CliFailure(CliErrorCodes.BadArgument, $"a wallet name is 1-64 of a-z, 0-9, '_' and '-' (got '{name}')");
        }

        return Path.Combine(Directory, name + ".key");
    }

    /// <summary>The active profile's name (<c>default</c> when none is set).</summary>
    public static string ActiveName()
    {
        if (!File.Exists(ActiveFile))
        {
            return Default;
        }

        var name = File.ReadAllText(ActiveFile).Trim();
        return name.Length > 0 && (name == Default || ValidName().IsMatch(name)) ? name : Default;
    }

    /// <summary>The active profile's key file, or null when the default wallet is active.</summary>
    public static string? ActiveWalletPath()
    {
        var name = ActiveName();
        return name == Default ? null : Path.Combine(Directory, name + ".key");
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex ValidName();
}
