namespace Fontana.Core.Api;

/// <summary>A provisional receipt: the transaction is durably committed with this sequence number.
/// <see cref="SequencerSignature"/> (hex) covers the chain id, txid, sequence and accepted-at time.</summary>
public sealed record ReceiptDto(string TxId, ulong Sequence, ulong AcceptedAt, string SequencerSignature);
