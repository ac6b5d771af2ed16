using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Errors;
using Fontana.Sdk;
using Fontana.Sdk.Store;

namespace Fontana.Cli.Commands;

/// <summary>
/// What <c>fontana call</c> says when Ctrl-C interrupts it: if the call's payment reached the ledger, the provider was
/// paid, so the message gives the txid (and <c>--json</c> a <c>txId</c> field) and says until when the challenge it
/// paid stays valid; otherwise that nothing was spent.
/// </summary>
internal static class InterruptedCall
{
    public static async Task<CliFailure> DescribeAsync(WalletStore store, FontanaClient node, DateTimeOffset callStarted)
    {
        var payment = store.ListPayments(limit: 16).FirstOrDefault(p => p.CreatedAt >= callStarted.AddSeconds(-1));
        if (payment is null)
        {
            return CliCommand.Cancelled("cancelled before paying: nothing was spent");
        }

        var settled = payment.State is PaymentState.Settled or PaymentState.Unproven || await OnLedgerAsync(node, payment);
        var until = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(payment.Expiry, (ulong)long.MaxValue)).ToString("u", CultureInfo.InvariantCulture);
        var details = new JsonObject
        {
            ["txId"] = payment.TxId.ToString(),
            ["settled"] = settled,
            ["payTo"] = payment.PayTo.ToString(),
            ["price"] = payment.Price.Utia.ToString(CultureInfo.InvariantCulture),
            ["retryUntil"] = until,
        };
        var message = settled
            ? $"cancelled after the payment settled: tx {payment.TxId} paid {payment.Price} to {payment.PayTo}, but the answer was not received; the call may be retried until {until} (the challenge's lifetime)"
            : $"cancelled while paying: tx {payment.TxId} was signed but is not on the ledger (yet); it expires at {until}, and `fontana receipts` shows how it ended";
        return new CliFailure(ErrorCodes.Cancelled, message, ExitCodes.Cancelled) { Details = details };
    }

    private static async Task<bool> OnLedgerAsync(FontanaClient node, PaymentRecord payment)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        try
        {
            await node.GetTransactionAsync(payment.TxId, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is FontanaApiException or OperationCanceledException or HttpRequestException)
        {
            return false;
        }
    }
}
