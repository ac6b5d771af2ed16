using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Settlement;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana withdrawals [--limit N]</c>: this wallet's withdrawals and their status, newest first.</summary>
internal static class WithdrawalsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "At most this many (1–500)", DefaultValueFactory = _ => 50 };
        var command = new Command("withdrawals", "This wallet's withdrawals to L1 and their status (pending, paying, paid, confirmed, failed)") { limit };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var address = CliWallet.ReadAddress(context);
            using var client = new FontanaClient(context.NodeUrl);
            var list = await new FontanaSettlement(client).ListWithdrawalsAsync(address, context.Parse.GetValue(limit), ct);
            if (context.Json)
            {
                context.WriteJson(new JsonArray([.. list.Select(w => (JsonNode)new JsonObject
                {
                    ["txId"] = w.TxId,
                    ["status"] = w.Status,
                    ["amount"] = w.Amount,
                    ["l1Address"] = w.L1Address,
                    ["l1TxHash"] = w.L1TxHash,
                    ["reason"] = w.Reason,
                    ["createdAt"] = w.CreatedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["updatedAt"] = w.UpdatedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                })]));
                return 0;
            }

            if (list.Count == 0)
            {
                context.Line($"no withdrawals from {address}");
                return 0;
            }

            context.Line($"{"TXID",-16} {"STATUS",-10} {"AMOUNT",16} {"L1 ADDRESS",-47} L1 TX");
            foreach (var w in list)
            {
                context.Line($"{w.TxId[..16],-16} {w.Status,-10} {Amount.ParseUtia(w.Amount),16} {w.L1Address,-47} {w.L1TxHash ?? w.Reason ?? "-"}");
            }

            return 0;
        });
        return command;
    }
}
