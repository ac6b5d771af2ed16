using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana show</c>: the wallet's address and public key (no passphrase needed).</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var command = new Command("show", "Print the wallet's address and public key");
        CliCommand.SetHandler(command, (context, _) =>
        {
            var publicKey = WalletKeyFile.ReadPublicKey(context.WalletPath);
            var address = new Address(publicKey);
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["address"] = address.ToString(),
                    ["publicKey"] = publicKey.ToString(),
                    ["path"] = context.WalletPath,
                    ["encrypted"] = WalletKeyFile.RequiresPassphrase(context.WalletPath),
                });
            }
            else
            {
                context.Line($"address:    {address}");
                context.Line($"public key: {publicKey}");
                context.Line($"file:       {context.WalletPath}");
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
