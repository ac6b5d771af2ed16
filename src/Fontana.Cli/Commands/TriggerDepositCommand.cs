using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Devnet;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Api;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana trigger-deposit --amount A [--to ADDR] [--l1-ref REF]</c>: the bridge operator reports an L1 deposit.</summary>
internal static class TriggerDepositCommand
{
    public static Command Create()
    {
        var amount = new Option<string>("--amount") { Description = "Deposited amount, e.g. \"5 TIA\"", Required = true };
        var to = new Option<string?>("--to") { Description = "Recipient (default: the wallet's address)" };
        var l1Ref = new Option<string?>("--l1-ref") { Description = "The L1 deposit transaction (default: a fresh devnet reference)" };
        var key = new Option<string?>("--bridge-key") { Description = "Bridge API key (default $FONTANA_BRIDGE_KEY or the devnet's)" };
        var command = new Command("trigger-deposit", "Operator/test trigger: mint an L1 deposit through the bridge API") { amount, to, l1Ref, key };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var value = CliParse.Amount(context.Parse.GetValue(amount), "--amount");
            var recipient = CliWallet.AddressOr(context, context.Parse.GetValue(to));
            var reference = context.Parse.GetValue(l1Ref) ?? "devnet-deposit-" + Guid.NewGuid().ToString("N");
            var bridgeKey = BridgeClient.ResolveKey(context, context.Parse.GetValue(key), DevnetHost.DefaultDataDir);
            var receipt = await BridgeClient.PostAsync(context, bridgeKey, "v1/bridge/deposits",
                new BridgeDepositRequest(reference, recipient.ToString(), value.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ApiJsonContext.Default.BridgeDepositRequest, ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["txId"] = receipt.TxId, ["l1TxRef"] = reference, ["to"] = recipient.ToString(), ["sequence"] = receipt.Sequence });
            }
            else
            {
                context.Line($"deposited {value} to {recipient} (L1 {reference}); txid {receipt.TxId}");
            }

            return 0;
        });
        return command;
    }
}
