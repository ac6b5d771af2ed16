using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Sdk;
using Fontana.Sdk.Settlement;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana deposit [--amount A] [--wait]</c>: on a devnet, sends A on its L1 simulator from the devnet faucet to the
/// vault with this wallet's address as the memo (the node's watcher mints it after the confirmations); elsewhere prints
/// the vault address and the memo to send with your own Celestia wallet.
/// </summary>
internal static class DepositCommand
{
    public static Command Create()
    {
        var amount = new Option<string?>("--amount") { Description = "Amount to deposit from the devnet faucet, e.g. \"5 TIA\"" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the deposit is minted (or unclaimed)" };
        var timeout = new Option<string>("--timeout") { Description = "How long --wait waits", DefaultValueFactory = _ => "120s" };
        var command = new Command("deposit", "Deposit TIA from Celestia: on a devnet, from its faucet; elsewhere, prints the vault address and memo")
        {
            amount, wait, timeout,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var address = CliWallet.ReadAddress(context);
            using var client = new FontanaClient(context.NodeUrl);
            var settlement = new FontanaSettlement(client);
            var how = await settlement.DepositInstructionsAsync(address, ct);
            var text = context.Parse.GetValue(amount);
            if (how.FaucetUrl is null || text is null)
            {
                Instructions(context, how);
                return 0;
            }

            var value = CliParse.Amount(text, "--amount");
            var hash = await SendFromFaucetAsync(how, value.Utia, ct);
            var status = context.Parse.GetValue(wait)
                ? await WaitAsync(settlement, hash, CliParse.Duration(context.Parse.GetValue(timeout)!, "--timeout"), ct)
                : null;
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["l1TxHash"] = hash,
                    ["amount"] = value.Utia.ToString(CultureInfo.InvariantCulture),
                    ["vaultAddress"] = how.VaultAddress,
                    ["memo"] = how.Memo,
                    ["status"] = status?.Status ?? "sent",
                    ["mintTxId"] = status?.MintTxId,
                });
            }
            else
            {
                context.Line($"deposit of {value} sent on L1 from the devnet faucet to {how.VaultAddress}: L1 tx {hash}");
                context.Line(status is null
                    ? $"it is minted to {how.Memo} after {how.Confirmations} L1 confirmations (fontana deposit status: GET /v1/deposits/{hash})"
                    : $"{status.Status}{(status.MintTxId is { } m ? $": txid {m}" : string.Empty)}{(status.Reason is { } r ? $" ({r})" : string.Empty)}");
            }

            return status is { Status: "unclaimed" } ? 1 : 0;
        });
        return command;
    }

    private static void Instructions(CliContext context, DepositInstructions how)
    {
        if (context.Json)
        {
            context.WriteJson(new JsonObject { ["vaultAddress"] = how.VaultAddress, ["memo"] = how.Memo, ["confirmations"] = how.Confirmations });
            return;
        }

        context.Line($"send TIA on Celestia to   {how.VaultAddress}");
        context.Line($"with the transaction memo {how.Memo}");
        context.Line($"it is minted to your wallet after {how.Confirmations} L1 confirmations; a transfer without this memo is not minted (unclaimed)");
    }

    /// <summary>The devnet's L1 simulator route <c>POST /simulator/transfer</c> (a user's wallet transfer with a memo).</summary>
    private static async Task<string> SendFromFaucetAsync(DepositInstructions how, ulong utia, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = how.FaucetUrl };
        using var response = await http.PostAsJsonAsync("simulator/transfer", new
        {
            from = how.FaucetAddress,
            to = how.VaultAddress,
            amount = utia.ToString(CultureInfo.InvariantCulture),
            memo = how.Memo,
        }, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        if (!response.IsSuccessStatusCode || body?["txhash"]?.GetValue<string>() is not { } hash)
        {
            throw new CliFailure(ErrorCodes.L1TxFailed, $"the devnet's L1 refused the faucet transfer: {body?["message"] ?? response.StatusCode.ToString()}");
        }

        return hash;
    }

    private static async Task<DepositStatusDto> WaitAsync(FontanaSettlement settlement, string hash, TimeSpan timeout, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var status = (await settlement.GetDepositAsync(hash, ct))[0];
                if (status.Status is "minted" or "unclaimed")
                {
                    return status;
                }
            }
            catch (FontanaApiException e) when (e.Code == ErrorCodes.UnknownDeposit)
            {
                // Not seen by the watcher yet.
            }

            if (clock.Elapsed > timeout)
            {
                throw new CliFailure(ErrorCodes.BridgeTimeout, $"deposit {hash} was not minted within {timeout.TotalSeconds:0.###} s; it stays visible at GET /v1/deposits/{hash}");
            }

            await Task.Delay(250, ct);
        }
    }
}
