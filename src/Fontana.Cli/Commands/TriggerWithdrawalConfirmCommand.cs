using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Devnet;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Api;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana trigger-withdrawal-confirm --txid T [--l1-ref REF]</c>: the bridge operator reports a payout on L1.</summary>
internal static class TriggerWithdrawalConfirmCommand
{
    public static Command Create()
    {
        var txid = new Option<string>("--txid") { Description = "The withdrawal transaction", Required = true };
        var l1Ref = new Option<string?>("--l1-ref") { Description = "The L1 payout transaction (default: a fresh devnet reference)" };
        var key = new Option<string?>("--bridge-key") { Description = "Bridge API key (default $FONTANA_BRIDGE_KEY or the devnet's)" };
        var command = new Command("trigger-withdrawal-confirm", "Operator/test trigger: confirm a withdrawal paid out on L1") { txid, l1Ref, key };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var id = CliParse.TxId(context.Parse.GetValue(txid), "--txid");
            var reference = context.Parse.GetValue(l1Ref) ?? "devnet-payout-" + Guid.NewGuid().ToString("N");
            var bridgeKey = BridgeClient.ResolveKey(context, context.Parse.GetValue(key), DevnetHost.DefaultDataDir);
            var receipt = await BridgeClient.PostAsync(context, bridgeKey, $"v1/bridge/withdrawals/{id}/confirm",
                new WithdrawalConfirmRequest(reference), ApiJsonContext.Default.WithdrawalConfirmRequest, ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["txId"] = receipt.TxId, ["withdrawalTxId"] = id.ToString(), ["l1TxRef"] = reference });
            }
            else
            {
                context.Line($"withdrawal {id} confirmed (L1 {reference}); txid {receipt.TxId}");
            }

            return 0;
        });
        return command;
    }
}
