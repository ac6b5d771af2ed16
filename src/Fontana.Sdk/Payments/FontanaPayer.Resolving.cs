using Fontana.Sdk.Diagnostics;

namespace Fontana.Sdk.Payments;

/// <summary>Payments whose outcome the provider did not tell us: the node decides. The coin stays locked (never handed
/// out twice) until the transaction is found (settled) or has expired without being applied (released).</summary>
public sealed partial class FontanaPayer
{
    private static readonly TimeSpan ResolvePollInterval = TimeSpan.FromMilliseconds(500);

    private void ResolveLater(PendingPayment payment, string reason)
    {
        SdkLog.PaymentUncertain(_logger, payment.Transaction.TxId.ToString(), reason);
        _metrics.Payment("uncertain");
        _ = Task.Run(() => ResolveAsync(payment));
    }

    private async Task ResolveAsync(PendingPayment payment)
    {
        var txId = payment.Transaction.TxId;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    await Node.GetTransactionAsync(txId, _stopping.Token).ConfigureAwait(false);
                    payment.Lease.Settle(payment.Change, payment.ChangeAmount);
                    SdkLog.PaymentResolved(_logger, txId.ToString(), "applied");
                    return;
                }
                catch (FontanaNotFoundException)
                {
                    if ((ulong)_time.GetUtcNow().ToUnixTimeSeconds() > payment.Transaction.Expiry + 1)
                    {
                        // Expired and never applied: it never can be now.
                        Abandon(payment);
                        SdkLog.PaymentResolved(_logger, txId.ToString(), "expired unapplied");
                        return;
                    }
                }
                catch (FontanaApiException)
                {
                    // Node unreachable or busy: keep asking.
                }

                await Task.Delay(ResolvePollInterval, _time, _stopping.Token).ConfigureAwait(false);
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
