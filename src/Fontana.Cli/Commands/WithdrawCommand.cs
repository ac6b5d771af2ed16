using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Transactions;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Sdk;
using Fontana.Sdk.Settlement;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana withdraw --amount A --l1-address ADDR</c>: burns A on the rollup for a payout on L1.</summary>
internal static class WithdrawCommand
{
    public static Command Create()
    {
        var amount = new Option<string>("--amount") { Description = "Amount to withdraw, e.g. \"1 TIA\"", Required = true };
        var l1 = new Option<string>("--l1-address") { Description = "Destination address on L1 (celestia1…)", Required = true };
        var wait = new Option<bool>("--wait") { Description = "Wait until the bridge has paid it on L1 and confirmed it" };
        var timeout = new Option<string>("--timeout") { Description = "How long --wait waits", DefaultValueFactory = _ => "300s" };
        var command = new Command("withdraw", "Withdraw to L1: a burn the bridge pays from its vault on Celestia, then confirms") { amount, l1, wait, timeout };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var value = CliParse.Amount(context.Parse.GetValue(amount), "--amount");
            var l1Address = CliParse.L1Address(context.Parse.GetValue(l1), "--l1-address").Text;

            using var wallet = CliWallet.Load(context);
            using var client = new FontanaClient(context.NodeUrl);
            var (tx, receipt, fee) = await SpendBuilder.SubmitAsync(client, wallet, value,
                b => b.WithKind(TransactionKind.Withdrawal).WithExternalRef(l1Address), ct);
            var settlement = new FontanaSettlement(client);
            WithdrawalStatusDto status;
            try
            {
                status = context.Parse.GetValue(wait)
                    ? await settlement.WaitForWithdrawalAsync(tx.TxId, CliParse.Duration(context.Parse.GetValue(timeout)!, "--timeout"), cancellationToken: ct)
                    : await settlement.GetWithdrawalAsync(tx.TxId, ct);
            }
            catch (TimeoutException e)
            {
                throw new CliFailure(ErrorCodes.BridgeTimeout, $"{e.Message}; txid {tx.TxId} (fontana withdrawals shows its status)");
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["txId"] = tx.TxId.ToString(),
                    ["amount"] = value.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["l1Address"] = l1Address,
                    ["fee"] = fee.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["sequence"] = receipt.Sequence,
                    ["status"] = status.Status,
                    ["l1TxHash"] = status.L1TxHash,
                    ["reason"] = status.Reason,
                });
            }
            else
            {
                context.Line($"withdrawal of {value} to {l1Address} submitted (fee {fee}); txid {tx.TxId}");
                context.Line($"status: {status.Status}{(status.L1TxHash is { } h ? $", paid by L1 tx {h}" : string.Empty)}{(status.Reason is { } r ? $" ({r})" : string.Empty)}");
            }

            return status.Status == "failed" ? throw new CliFailure(ErrorCodes.WithdrawalFailed, $"withdrawal {tx.TxId} failed: {status.Reason}") : 0;
        });
        return command;
    }
}
