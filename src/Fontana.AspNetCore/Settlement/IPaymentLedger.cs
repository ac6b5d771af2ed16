namespace Fontana.AspNetCore.Settlement;

/// <summary>
/// The ledger as the provider sees it when co-located with the node: submit a signed transaction, get a receipt
/// or a rejection. Fontana.Node implements it over the ledger facade, so this package never references the ledger.
/// Submitting a transaction that was already applied must return its original receipt (idempotent).
/// </summary>
public interface IPaymentLedger
{
    /// <summary>Applies the canonical transaction bytes durably; rejections are outcomes, not exceptions.</summary>
    Task<SettleOutcome> SubmitAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken);
}
