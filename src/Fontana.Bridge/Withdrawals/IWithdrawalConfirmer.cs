namespace Fontana.Bridge.Withdrawals;

/// <summary>The ledger side of a payout: the withdrawal confirmation (the node implements it over
/// <c>ILedger.ProcessWithdrawalConfirmedAsync</c>). A repeat for the same payout must succeed (idempotent).</summary>
public interface IWithdrawalConfirmer
{
    /// <summary>Records on Fontana that <paramref name="withdrawalTxId"/> was paid by L1 transaction <paramref name="l1TxHash"/>.</summary>
    Task ConfirmAsync(string withdrawalTxId, string l1TxHash, CancellationToken cancellationToken);
}
