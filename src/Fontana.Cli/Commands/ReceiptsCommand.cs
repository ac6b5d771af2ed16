using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Sdk;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Store;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana receipts [--check] [--state S] [--limit N] [--verify]</c>: the wallet's payment history from its store, newest
/// first. <c>--check</c> first asks the node, once, what the monitor of a long-running payer would (its send-waiting and
/// check-for-proofs tasks): every pending/unknown payment is resolved and every settled one gets its final receipt
/// (fetched, verified, stored) — a command-line wallet has no background monitor between calls. <c>--verify</c> re-checks every receipt offline — the provisional receipt's sequencer signature, and a final receipt's
/// header and inclusion proof — against the chain id and sequencer key the store recorded; any failure exits 1.
/// </summary>
internal static class ReceiptsCommand
{
    public static Command Create()
    {
        var state = new Option<string?>("--state") { Description = "Only payments in this state: pending, unknown, settled, refused, unproven" };
        var limit = new Option<int>("--limit") { Description = "Most payments listed", DefaultValueFactory = _ => 100 };
        var verify = new Option<bool>("--verify") { Description = "Re-verify every receipt offline (signatures, headers, proofs)" };
        var checkNow = new Option<bool>("--check") { Description = "First ask the node: resolve pending/unknown payments and fetch, verify and store final receipts" };
        var store = CliStore.CreateOption();
        var command = new Command("receipts", "Payment history with receipts from the wallet store; --check asks the node for final receipts, --verify re-checks them offline")
        {
            state, limit, verify, checkNow, store,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            PaymentState? only = context.Parse.GetValue(state) is { } text ? ParseState(text) : null;
            using var walletStore = CliStore.Open(context, store);
            var moved = context.Parse.GetValue(checkNow) ? await CheckWithNodeAsync(context, walletStore, ct) : (int?)null;
            var payments = walletStore.ListPayments(only, Math.Clamp(context.Parse.GetValue(limit), 1, 100_000));
            var check = context.Parse.GetValue(verify);
            var chainId = walletStore.GetMeta("chain-id");
            var sequencer = walletStore.GetMeta("sequencer-key");
            if (check && (chainId is null || sequencer is null))
            {
                throw new CliFailure("chain-unknown", "the store has no chain id / sequencer key yet (make a paid call first)");
            }

            var failures = 0;
            var rows = new JsonArray();
            foreach (var payment in payments)
            {
                var verdict = check ? Verify(payment, chainId!, PublicKey.Parse(sequencer!)) : null;
                if (verdict is not null && verdict != "verified" && verdict != "no receipt")
                {
                    failures++;
                }

                if (context.Json)
                {
                    rows.Add(new JsonObject
                    {
                        ["txId"] = payment.TxId.ToString(),
                        ["state"] = WalletStore.StateText(payment.State),
                        ["payTo"] = payment.PayTo.ToString(),
                        ["resource"] = payment.Resource,
                        ["price"] = payment.Price.Utia.ToString(CultureInfo.InvariantCulture),
                        ["fee"] = payment.Fee.Utia.ToString(CultureInfo.InvariantCulture),
                        ["createdAt"] = payment.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                        ["final"] = payment.FinalReceipt is not null,
                        ["detail"] = payment.Detail,
                        ["verification"] = verdict,
                    });
                }
                else
                {
                    var final = payment.FinalReceipt is not null ? " final" : payment.Receipt is not null ? " provisional" : string.Empty;
                    var detail = payment.Detail is null ? string.Empty : $" ({payment.Detail})";
                    context.Line($"{payment.CreatedAt:u}  {WalletStore.StateText(payment.State),-8}{final}  {payment.Price} + {payment.Fee}  {payment.TxId}  {payment.Resource}{detail}{(verdict is null ? string.Empty : "  " + verdict)}");
                }
            }

            if (context.Json)
            {
                context.WriteJson(new JsonObject { ["store"] = walletStore.Location, ["checked"] = moved, ["payments"] = rows, ["verificationFailures"] = failures });
            }
            else
            {
                if (payments.Count == 0)
                {
                    context.Line("no payments recorded");
                }

                if (moved is { } count)
                {
                    context.Line($"checked with {context.NodeUrl}: {count} payment(s) moved on (resolved, or final receipt stored)");
                }
            }

            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Runs the monitor's send-waiting and check-for-proofs once against the node; the count of payments they
    /// moved. The node is asked for its info first, so an unreachable node is a clear error (<c>node-unreachable</c>)
    /// rather than a silent "nothing moved".</summary>
    private static async Task<int> CheckWithNodeAsync(CliContext context, WalletStore walletStore, CancellationToken ct)
    {
        using var wallet = CliWallet.Load(context);
        using var node = new FontanaClient(context.NodeUrl);
        await node.GetInfoAsync(ct);
        // Asked for now: no wait since a payment's last proof attempt (a long-running monitor waits ProofRetryDelay between
        // attempts). Each run that finds a payment still unsealed counts one of its MaxProofAttempts, as the monitor does.
        var options = new Fontana.Sdk.Monitor.WalletMonitorOptions { ProofRetryDelay = TimeSpan.Zero };
        using var monitor = new Fontana.Sdk.Monitor.WalletMonitor(walletStore, node, wallet, options);
        return await monitor.RunOnceAsync(ct);
    }

    private static string Verify(PaymentRecord payment, string chainId, PublicKey sequencer)
    {
        try
        {
            if (payment.FinalReceipt is { } finalJson)
            {
                var final = JsonSerializer.Deserialize(finalJson, ApiJsonContext.Default.FinalReceiptDto)!;
                ReceiptVerifier.VerifyFinal(final, payment.TxId, chainId, sequencer);
                return "verified";
            }

            if (payment.Receipt is { } json)
            {
                var receipt = JsonSerializer.Deserialize(json, ApiJsonContext.Default.ReceiptDto)!;
                return string.Equals(receipt.TxId, payment.TxId.ToString(), StringComparison.OrdinalIgnoreCase) && ReceiptVerifier.VerifyProvisional(receipt, chainId, sequencer)
                    ? "verified"
                    : "bad-receipt-signature";
            }

            return "no receipt";
        }
        catch (ReceiptVerificationException ex)
        {
            return ex.Code;
        }
        catch (JsonException)
        {
            return "receipt-unreadable";
        }
    }

    private static PaymentState ParseState(string text) => text.ToLowerInvariant() switch
    {
        "pending" => PaymentState.Pending,
        "unknown" => PaymentState.Unknown,
        "settled" => PaymentState.Settled,
        "refused" => PaymentState.Refused,
        "unproven" => PaymentState.Unproven,
        _ => throw new CliFailure(CliErrorCodes.BadArgument, $"--state {text}: expected pending, unknown, settled, refused or unproven"),
    };
}
