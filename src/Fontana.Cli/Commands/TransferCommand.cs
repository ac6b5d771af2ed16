using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Sdk;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana transfer --to ADDR --amount A</c>.</summary>
internal static class TransferCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "Recipient address (fnt1…)", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount, e.g. \"0.5 TIA\" or \"500000utia\"", Required = true };
        var command = new Command("transfer", "Send an amount from the wallet; the chain's minimum fee is added") { to, amount };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var recipient = CliParse.Address(context.Parse.GetValue(to), "--to");
            var value = CliParse.Amount(context.Parse.GetValue(amount), "--amount");
            if (value.IsZero)
            {
                throw new CliFailure(CliErrorCodes.BadAmount, "--amount must be more than 0");
            }

            using var wallet = CliWallet.Load(context);
            using var client = new FontanaClient(context.NodeUrl);
            var (tx, receipt, fee) = await SpendBuilder.SubmitAsync(client, wallet, value, b => b.AddOutput(recipient, value), ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["txId"] = tx.TxId.ToString(),
                    ["to"] = recipient.ToString(),
                    ["amount"] = value.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["fee"] = fee.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["sequence"] = receipt.Sequence,
                });
            }
            else
            {
                context.Line($"sent {value} to {recipient} (fee {fee})");
                context.Line($"txid {tx.TxId} (receipt #{receipt.Sequence})");
            }

            return 0;
        });
        return command;
    }
}
