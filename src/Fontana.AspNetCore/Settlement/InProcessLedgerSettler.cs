using Fontana.Core.X402;

namespace Fontana.AspNetCore.Settlement;

/// <summary>Settles through the ledger in this process (no network round trip): submits the decoded transaction
/// (<see cref="IPaymentLedger.SubmitDecodedAsync"/>), whose signature the provider already verified.</summary>
public sealed class InProcessLedgerSettler : IPaymentSettler
{
    private readonly IPaymentLedger _ledger;

    /// <summary>Settles through <paramref name="ledger"/>.</summary>
    public InProcessLedgerSettler(IPaymentLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public async ValueTask<SettleOutcome> SettleAsync(PaymentToSettle payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        try
        {
            return await _ledger.SubmitDecodedAsync(payment.Transaction, payment.TransactionBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SettleOutcome.Unavailable(X402ErrorReasons.UnexpectedSettleError, "the ledger failed: " + ex.Message);
        }
    }
}
