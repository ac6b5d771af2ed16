namespace Fontana.Core.Api;

/// <summary>A block header as JSON. <see cref="Encoded"/> is the canonical header bytes (base64), signature included,
/// so light clients can re-hash and verify without trusting the other fields.</summary>
public sealed record HeaderDto(
    ulong Height,
    string Hash,
    string PreviousHash,
    ulong Timestamp,
    uint TxCount,
    string TxRoot,
    string StateRoot,
    string Signature,
    string Encoded);
