using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.X402;

namespace Fontana.Sdk.Receipts;

/// <summary>
/// What a paid call got for its money: the settled payment transaction, what it paid to whom, the provider's
/// <c>PAYMENT-RESPONSE</c>, and the sequencer's provisional receipt (when the provider returned one) with the result of
/// checking its signature. Read it with <c>response.GetFontanaReceipt()</c>; later fetch and verify the final receipt
/// with <c>FontanaPayer.GetFinalReceiptAsync</c>.
/// </summary>
/// <param name="TxId">The payment transaction.</param>
/// <param name="Network">CAIP-2 network, <c>fontana:&lt;chainId&gt;</c>.</param>
/// <param name="Payer">The paying wallet.</param>
/// <param name="PayTo">The provider's address.</param>
/// <param name="Price">What the provider received.</param>
/// <param name="Fee">The chain's fee paid on top.</param>
/// <param name="Resource">The resource paid for.</param>
/// <param name="Receipt">The sequencer's provisional receipt, when the provider passed it on.</param>
/// <param name="ReceiptVerified">True when <paramref name="Receipt"/> is for <paramref name="TxId"/> and signed by the chain's sequencer.</param>
/// <param name="Settlement">The decoded <c>PAYMENT-RESPONSE</c> header.</param>
public sealed record PaymentReceipt(
    Hash32 TxId,
    string Network,
    Address Payer,
    Address PayTo,
    Amount Price,
    Amount Fee,
    string Resource,
    ReceiptDto? Receipt,
    bool ReceiptVerified,
    SettlementResponse Settlement)
{
    private ReceiptCheck _receiptCheck = ReceiptCheck.Of(ReceiptVerified);

    /// <summary>A receipt whose provisional receipt is checked when <see cref="ReceiptVerified"/> is first read.</summary>
    internal PaymentReceipt(
        Hash32 txId, string network, Address payer, Address payTo, Amount price, Amount fee, string resource, ReceiptDto? receipt,
        ReceiptCheck receiptCheck, SettlementResponse settlement)
        : this(txId, network, payer, payTo, price, fee, resource, receipt, false, settlement) => _receiptCheck = receiptCheck;

    /// <summary>
    /// True when <see cref="Receipt"/> is for <see cref="TxId"/> and signed by the chain's sequencer. For a receipt the
    /// SDK made from a paid call, the signature is checked the first time this is read (one Ed25519 verification, then
    /// remembered), not on the call's path.
    /// </summary>
    public bool ReceiptVerified
    {
        get => _receiptCheck.Result;
        init => _receiptCheck = ReceiptCheck.Of(value);
    }
}
