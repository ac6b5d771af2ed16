using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Receipts;

namespace Fontana.Sdk.Payments;

/// <summary>Converts the JSON receipt of the node API into the Core receipt that verifies signatures.</summary>
internal static class ReceiptMapper
{
    /// <exception cref="ReceiptVerificationException">The txid or signature is not well-formed.</exception>
    public static ProvisionalReceipt ToProvisional(ReceiptDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (!Hash32.TryParse(dto.TxId, out var txId))
        {
            throw new ReceiptVerificationException(ReceiptVerificationException.BadReceiptSignature, $"receipt txid \"{dto.TxId}\" is not 64 hex characters");
        }

        Span<byte> signature = stackalloc byte[ProvisionalReceipt.SignatureLength];
        if (dto.SequencerSignature is null
            || Convert.FromHexString(dto.SequencerSignature, signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != ProvisionalReceipt.SignatureLength)
        {
            throw new ReceiptVerificationException(ReceiptVerificationException.BadReceiptSignature, "receipt signature is not 128 hex characters");
        }

        return new ProvisionalReceipt(txId, dto.Sequence, dto.AcceptedAt, signature.ToArray());
    }
}
