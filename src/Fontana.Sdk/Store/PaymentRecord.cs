using Fontana.Core;

namespace Fontana.Sdk.Store;

/// <summary>One payment in the wallet store's history.</summary>
/// <param name="TxId">The payment transaction.</param>
/// <param name="State">Where it stands.</param>
/// <param name="PayTo">The provider's address.</param>
/// <param name="Resource">What was paid for.</param>
/// <param name="Price">Paid to the provider.</param>
/// <param name="Fee">Paid to the chain.</param>
/// <param name="Input">The coin it spends.</param>
/// <param name="Transaction">The signed transaction (canonical bytes), so it can be re-checked or re-sent.</param>
/// <param name="Expiry">The transaction's expiry (Unix seconds).</param>
/// <param name="CreatedAt">When it was signed.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="ProofAttempts">How many times its final receipt was asked for.</param>
/// <param name="Receipt">The provisional receipt (JSON), when known.</param>
/// <param name="FinalReceipt">The verified final receipt (JSON), when proven.</param>
/// <param name="Detail">Why it was refused or is unproven.</param>
public sealed record PaymentRecord(
    Hash32 TxId,
    PaymentState State,
    Address PayTo,
    string Resource,
    Amount Price,
    Amount Fee,
    OutPoint Input,
    byte[] Transaction,
    ulong Expiry,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int ProofAttempts,
    string? Receipt,
    string? FinalReceipt,
    string? Detail);
