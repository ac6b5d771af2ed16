using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Transactions;
using Fontana.Sdk;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana withdraw --amount A --l1-address ADDR</c>: burns A on the rollup for a payout on L1.</summary>
internal static class WithdrawCommand
{
    public static Command Create()
    {
        var amount = new Option<string>("--amount") { Description = "Amount to withdraw, e.g. \"1 TIA\"", Required = true };
        var l1 = new Option<string>("--l1-address") { Description = "Destination address on L1 (celestia1…)", Required = true };
        var command = new Command("withdraw", "Withdraw to L1: a withdrawal transaction the bridge operator pays out and confirms") { amount, l1 };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var value = CliParse.Amount(context.Parse.GetValue(amount), "--amount");
            var l1Address = CliParse.L1Address(context.Parse.GetValue(l1), "--l1-address").Text;

            using var wallet = CliWallet.Load(context);
            using var client = new FontanaClient(context.NodeUrl);
            var (tx, receipt, fee) = await SpendBuilder.SubmitAsync(client, wallet, value,
                b => b.WithKind(TransactionKind.Withdrawal).WithExternalRef(l1Address), ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["txId"] = tx.TxId.ToString(),
                    ["amount"] = value.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["l1Address"] = l1Address,
                    ["fee"] = fee.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["sequence"] = receipt.Sequence,
                });
            }
            else
            {
                context.Line($"withdrawal of {value} to {l1Address} submitted (fee {fee}); txid {tx.TxId}");
            }

            return 0;
        });
        return command;
    }
}
