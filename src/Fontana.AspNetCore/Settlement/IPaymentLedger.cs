using Fontana.Core.Transactions;

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

    /// <summary>
    /// Applies <paramref name="transaction"/>, already decoded from <paramref name="encoded"/> by the provider, durably.
    /// An implementation over a ledger in the same process should hand the object itself to the ledger: a signature
    /// the provider verified is remembered by the object (<see cref="Transaction.VerifySignature"/>), so it is not
    /// verified a second time. The ledger still checks every rule. By default the bytes are submitted.
    /// </summary>
    Task<SettleOutcome> SubmitDecodedAsync(Transaction transaction, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken) =>
        SubmitAsync(encoded, cancellationToken);
}
