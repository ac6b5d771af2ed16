using Fontana.Sdk.Diagnostics;
using Fontana.Sdk.Store;
using Fontana.Sdk.Utxos;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Payments;

/// <summary>Payments whose outcome the provider did not tell us: the node decides. The coin stays locked (never handed
/// out twice) until the transaction is found (settled) or has expired without being applied (released).</summary>
internal sealed class PaymentResolver(
    FontanaClient node, IUtxoCache cache, PaymentJournal journal, TimeProvider time, SdkMetrics metrics, ILogger logger, CancellationToken stopping)
{
    /// <summary>Where payments are recorded.</summary>
    public PaymentJournal Journal => journal;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Fired when a payment's outcome is known: true when the node applied it, false when it expired unapplied.</summary>
    public event Action<PendingPayment, bool>? Resolved;

    public void ResolveLater(PendingPayment payment, string reason)
    {
        SdkLog.PaymentUncertain(logger, payment.Transaction.TxId.ToString(), reason);
        metrics.Payment("uncertain");
        journal.Unknown(payment, reason);
        _ = Task.Run(() => ResolveAsync(payment));
    }

    /// <summary>Gives the coin back and forgets the change: the payment was refused before it was applied.</summary>
    public void Abandon(PendingPayment payment, string reason)
    {
        journal.Refused(payment, reason);
        RemoveChange(payment);
        payment.Lease.Release();
        payment.Budget.Release();
    }

    /// <summary>Forgets the payment's change output (it will never exist).</summary>
    public void RemoveChange(PendingPayment payment)
    {
        if (payment.Change is { } change)
        {
            cache.Remove(change);
        }
    }

    private async Task ResolveAsync(PendingPayment payment)
    {
        var txId = payment.Transaction.TxId;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await node.GetTransactionAsync(txId, stopping).ConfigureAwait(false);
                    payment.Lease.Settle(payment.Change, payment.ChangeAmount);
                    payment.Budget.Commit();
                    journal.Settled(payment, null);
                    SdkLog.PaymentResolved(logger, txId.ToString(), "applied");
                    Resolved?.Invoke(payment, true);
                    return;
                }
                catch (FontanaNotFoundException)
                {
                    if ((ulong)time.GetUtcNow().ToUnixTimeSeconds() > payment.Transaction.Expiry + 1)
                    {
                        // Expired and never applied: it never can be now.
                        Abandon(payment, "expired unapplied");
                        SdkLog.PaymentResolved(logger, txId.ToString(), "expired unapplied");
                        Resolved?.Invoke(payment, false);
                        return;
                    }
                }
                catch (FontanaApiException)
                {
                    // Node unreachable or busy: keep asking.
                }

                await Task.Delay(PollInterval, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the process is going away with the coin still locked, which is the safe side.
        }
        catch (ObjectDisposedException)
        {
            // Same.
        }
    }
}
