using Fontana.Core.Transactions;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Settlement;

/// <summary>A payment that passed <see cref="FontanaExactVerifier"/>, handed to an <see cref="IPaymentSettler"/>.</summary>
/// <param name="Payload">The payment as the client sent it.</param>
/// <param name="Requirements">The requirements the provider holds it to (its own challenge as <c>extra</c>).</param>
/// <param name="Transaction">The decoded payment transaction.</param>
/// <param name="TransactionBytes">Its canonical bytes, as received.</param>
public sealed record PaymentToSettle(
    PaymentPayload Payload,
    PaymentRequirements Requirements,
    Transaction Transaction,
    ReadOnlyMemory<byte> TransactionBytes);
