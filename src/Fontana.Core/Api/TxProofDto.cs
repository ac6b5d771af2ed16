namespace Fontana.Core.Api;

/// <summary>Inclusion proof of a txid in a block's tx root (RFC 6962 binary Merkle tree); <see cref="Proof"/> is the
/// compact proof encoding, base64.</summary>
public sealed record TxProofDto(string TxId, ulong BlockHeight, string TxRoot, ulong LeafIndex, ulong TreeSize, string Proof);
