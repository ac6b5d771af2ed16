namespace Fontana.AspNetCore.Settlement;

/// <summary>
/// Settles verified payments: <see cref="InProcessLedgerSettler"/> (ledger in this process) or the remote node's
/// facilitator. Called only after the stateless verification passed; must not throw for a rejected payment.
/// </summary>
public interface IPaymentSettler
{
    ValueTask<SettleOutcome> SettleAsync(PaymentToSettle payment, CancellationToken cancellationToken);
}
