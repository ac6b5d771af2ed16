using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana init</c>: creates the wallet key file (0600); never overwrites one.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "Create a wallet key file (mode 0600; encrypted when $FONTANA_WALLET_PASSPHRASE is set)");
        CliCommand.SetHandler(command, (context, _) =>
        {
            using var wallet = WalletKeyFile.Create(context.WalletPath, Environment.GetEnvironmentVariable(CliWallet.PassphraseVariable));
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["address"] = wallet.Address.ToString(),
                    ["publicKey"] = wallet.PublicKey.ToString(),
                    ["path"] = wallet.Path,
                    ["encrypted"] = wallet.IsEncrypted,
                });
            }
            else
            {
                context.Line($"created {wallet.Path}");
                context.Line($"address: {wallet.Address}");
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
