using Fontana.Core;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Infrastructure;

/// <summary>The CLI's access to the wallet file. Only <c>init</c> (and devnet's first start) writes it; every other
/// command only reads, so many CLI processes can share one wallet.</summary>
internal static class CliWallet
{
    /// <summary>Environment variable holding the passphrase of an encrypted wallet.</summary>
    public const string PassphraseVariable = "FONTANA_WALLET_PASSPHRASE";

    public static WalletKeyFile Load(CliContext context) =>
        WalletKeyFile.Load(context.WalletPath, Environment.GetEnvironmentVariable(PassphraseVariable));

    /// <summary>The wallet's address (no passphrase needed).</summary>
    public static Address ReadAddress(CliContext context) => new(WalletKeyFile.ReadPublicKey(context.WalletPath));

    /// <summary><paramref name="option"/> as an address, else the wallet's.</summary>
    public static Address AddressOr(CliContext context, string? option) =>
        option is null ? ReadAddress(context) : CliParse.Address(option, "--address");
}
