using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Store;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Monitor;

/// <summary>
/// <c>send-waiting</c>: ends every payment left <c>pending</c> or <c>unknown</c> for longer than
/// <see cref="WalletMonitorOptions.OutcomeMinAge"/> (a call that never heard back, or a process killed mid-payment).
/// The node decides: a transaction it has is <c>settled</c>; one it does not have is <c>refused</c> once that is
/// provable — its coin was spent by another transaction, or it expired unapplied. Until then
/// <see cref="WalletMonitorOptions.AbsentPayments"/> says whether to wait, cancel (spend the coin back to the wallet)
/// or re-send it. Nothing is re-sent unless the node has provably not applied it, so nothing is paid twice.
/// </summary>
internal sealed class WaitingPaymentResolver(
    WalletStore store, FontanaClient node, Func<CancellationToken, ValueTask<ChainInfo>> chain, PrivateKey? signer,
    WalletMonitorOptions options, TimeProvider time, MonitorMetrics metrics, ILogger logger)
    : MonitorTask("send-waiting", options.OutcomeCheckInterval, time, metrics, logger)
{
    protected override async Task<int> RunCoreAsync(CancellationToken cancellationToken)
    {
        var due = store.ListAwaitingOutcome(Time.GetUtcNow() - options.OutcomeMinAge, options.BatchSize);
        var handled = 0;
        foreach (var payment in due)
        {
            if (await ResolveAsync(payment, cancellationToken).ConfigureAwait(false))
            {
                handled++;
            }
        }

        return handled;
    }

    private async Task<bool> ResolveAsync(PaymentRecord payment, CancellationToken cancellationToken)
    {
        var txId = payment.TxId;
        try
        {
            var status = await node.GetTransactionAsync(txId, cancellationToken).ConfigureAwait(false);
            return Settle(payment, status.Receipt, "applied");
        }
        catch (FontanaNotFoundException)
        {
            // Not applied (yet): is that final?
        }

        var input = await node.GetUtxoAsync(payment.Input, cancellationToken).ConfigureAwait(false);
        if (input.Status == "spent")
        {
            if (string.Equals(input.SpentBy, txId.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                // Applied between the two questions: the next run reads its receipt.
                return false;
            }

            return Refuse(payment, $"never applied: its coin {payment.Input} was spent by {input.SpentBy}", inputSpent: true);
        }

        var now = Time.GetUtcNow();
        if ((ulong)(now - options.ExpiryMargin).ToUnixTimeSeconds() > payment.Expiry)
        {
            return Refuse(payment, "expired unapplied");
        }

        return options.AbsentPayments switch
        {
            AbsentPaymentAction.Resend => await ResendAsync(payment, cancellationToken).ConfigureAwait(false),
            AbsentPaymentAction.Cancel when signer is not null && input.Status == "unspent" =>
                await CancelAsync(payment, input, cancellationToken).ConfigureAwait(false),
            _ => false,
        };
    }

    private async Task<bool> ResendAsync(PaymentRecord payment, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await node.SubmitTransactionAsync(payment.Transaction, cancellationToken).ConfigureAwait(false);
            Metrics.Item(Name, "resent");
            return Settle(payment, receipt, "re-sent and applied");
        }
        catch (TransactionRejectedException ex) when (ex is not InputSpentException)
        {
            // The ledger refused the transaction itself (e.g. expired): it can never be applied.
            return Refuse(payment, $"re-sent and refused: {ex.Code}");
        }
        catch (InputSpentException)
        {
            // Its coin went elsewhere meanwhile, or the payment itself won: the next run tells which.
            return false;
        }
    }

    private async Task<bool> CancelAsync(PaymentRecord payment, UtxoStatusDto input, CancellationToken cancellationToken)
    {
        var info = await chain(cancellationToken).ConfigureAwait(false);
        if (!Amount.TryParseUtia(input.Amount, out var amount, out _) || amount <= info.MinFee)
        {
            return false;
        }

        var wallet = new Address(signer!.PublicKey);
        var cancel = new TransactionBuilder(info.ChainId)
            .AddInput(payment.Input)
            .AddOutput(wallet, amount - info.MinFee)
            .WithFee(info.MinFee)
            .Sign(signer);
        try
        {
            await node.SubmitTransactionAsync(TransactionCodec.Encode(cancel), cancellationToken).ConfigureAwait(false);
        }
        catch (InputSpentException)
        {
            // The payment (or something else) spent the coin first: the next run tells which.
            return false;
        }

        Metrics.Item(Name, "cancelled");
        return Refuse(payment, $"cancelled: its coin {payment.Input} was spent back to the wallet by {cancel.TxId}", inputSpent: true);
    }

    private bool Settle(PaymentRecord payment, ReceiptDto receipt, string how)
    {
        store.UpdatePayment(payment.TxId, PaymentState.Settled, Time.GetUtcNow(), JsonSerializer.Serialize(receipt, ApiJsonContext.Default.ReceiptDto));
        store.MarkOutputSpent(payment.Input, Time.GetUtcNow());
        MonitorLog.Resolved(Logger, payment.TxId.ToString(), how);
        Metrics.Item(Name, "settled");
        return true;
    }

    /// <summary>Refused. A coin spent elsewhere is marked spent for every process; otherwise its lease is left to run out
    /// (another process may hold a newer lease on it by now, which must not be ended here).</summary>
    private bool Refuse(PaymentRecord payment, string reason, bool inputSpent = false)
    {
        store.UpdatePayment(payment.TxId, PaymentState.Refused, Time.GetUtcNow(), detail: reason);
        if (inputSpent)
        {
            store.MarkOutputSpent(payment.Input, Time.GetUtcNow());
        }

        MonitorLog.Resolved(Logger, payment.TxId.ToString(), "refused (" + reason + ")");
        Metrics.Item(Name, "refused");
        return true;
    }
}
