using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Sdk;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana balance [--address A]</c>: from the node.</summary>
internal static class BalanceCommand
{
    public static Command Create()
    {
        var address = new Option<string?>("--address") { Description = "Address to look up (default: the wallet's)" };
        var command = new Command("balance", "Balance of the wallet (or --address) from the node") { address };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var who = CliWallet.AddressOr(context, context.Parse.GetValue(address));
            using var client = new FontanaClient(context.NodeUrl);
            var balance = await client.GetBalanceAsync(who, ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["address"] = balance.Address, ["balance"] = balance.Balance, ["utxoCount"] = balance.UtxoCount });
            }
            else
            {
                context.Line($"{Amount.ParseUtia(balance.Balance)} in {balance.UtxoCount} outputs ({balance.Address})");
            }

            return 0;
        });
        return command;
    }
}
