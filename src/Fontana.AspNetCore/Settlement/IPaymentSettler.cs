namespace Fontana.AspNetCore.Settlement;

/// <summary>
/// Settles verified payments: <see cref="InProcessLedgerSettler"/> (ledger in this process) or the remote node's
/// facilitator. Called only after the stateless verification passed; must not throw for a rejected payment.
/// </summary>
public interface IPaymentSettler
{
    /// <summary>Settles <paramref name="payment"/>: a receipt, or a rejection / unavailability with its x402 reason.</summary>
    ValueTask<SettleOutcome> SettleAsync(PaymentToSettle payment, CancellationToken cancellationToken);
}
