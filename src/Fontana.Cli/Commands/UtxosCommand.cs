using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Sdk;
using Spectre.Console;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana utxos [--address A]</c>: unspent outputs from the node.</summary>
internal static class UtxosCommand
{
    public static Command Create()
    {
        var address = new Option<string?>("--address") { Description = "Address to look up (default: the wallet's)" };
        var command = new Command("utxos", "Unspent outputs of the wallet (or --address) from the node") { address };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var who = CliWallet.AddressOr(context, context.Parse.GetValue(address));
            using var client = new FontanaClient(context.NodeUrl);
            var utxos = await client.GetUtxosAsync(who, ct);
            if (context.Json)
            {
                var list = new JsonArray();
                foreach (var u in utxos.Utxos)
                {
                    list.Add(new JsonObject { ["outPoint"] = u.OutPoint, ["amount"] = u.Amount });
                }

                context.WriteJson(new JsonObject { ["address"] = utxos.Address, ["utxos"] = list });
                return 0;
            }

            var table = new Table().AddColumn("outpoint").AddColumn(new TableColumn("amount").RightAligned());
            foreach (var u in utxos.Utxos)
            {
                table.AddRow(Markup.Escape(u.OutPoint), Markup.Escape(Amount.ParseUtia(u.Amount).ToString()));
            }

            context.Console.Write(table);
            context.Line($"{utxos.Utxos.Count} outputs of {utxos.Address}");
            return 0;
        });
        return command;
    }
}
