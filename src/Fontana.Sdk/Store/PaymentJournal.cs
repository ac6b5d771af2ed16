using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Core.Encoding;
using Fontana.Sdk.Payments;

namespace Fontana.Sdk.Store;

/// <summary>Writes the payer's payments to the wallet store as they happen: recorded as pending before they are sent,
/// then moved to settled (with the provisional receipt), refused, or unknown. No store: nothing is written.</summary>
internal sealed class PaymentJournal(WalletStore? store, TimeProvider time)
{
    public bool Enabled => store is not null;

    public void Pending(PendingPayment payment)
    {
        if (store is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        store.RecordPayment(new PaymentRecord(
            payment.Transaction.TxId, PaymentState.Pending, payment.PayTo, payment.Resource, payment.Price, payment.Fee, payment.Lease.OutPoint,
            TransactionCodec.Encode(payment.Transaction), payment.Transaction.Expiry, now, now, 0, null, null, null));
    }

    public void Settled(PendingPayment payment, ReceiptDto? receipt) =>
        store?.UpdatePayment(
            payment.Transaction.TxId, PaymentState.Settled, time.GetUtcNow(),
            receipt is null ? null : JsonSerializer.Serialize(receipt, ApiJsonContext.Default.ReceiptDto));

    public void Refused(PendingPayment payment, string reason) =>
        store?.UpdatePayment(payment.Transaction.TxId, PaymentState.Refused, time.GetUtcNow(), detail: reason);

    public void Unknown(PendingPayment payment, string reason) =>
        store?.UpdatePayment(payment.Transaction.TxId, PaymentState.Unknown, time.GetUtcNow(), detail: reason);
}
