namespace Fontana.Core.Api;

/// <summary>A final receipt: the provisional receipt plus the sealed block, the tx inclusion proof against the
/// block's tx root, and the data-availability reference once posted.</summary>
public sealed record FinalReceiptDto(
    ReceiptDto Receipt,
    ulong BlockHeight,
    string BlockHash,
    HeaderDto Header,
    TxProofDto Proof,
    string? DaReference);
