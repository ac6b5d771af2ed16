using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Merkle;

namespace Fontana.Ledger;

/// <summary>
/// Proof that <see cref="TxId"/> is in a block: an RFC 6962 inclusion proof of the txid (leaf
/// <see cref="MerkleInclusionProof.LeafIndex"/> of <see cref="MerkleInclusionProof.TreeSize"/>) against
/// <see cref="BlockHeader.TxRoot"/> of the signed <see cref="Header"/>.
/// </summary>
public sealed record TransactionProof(Hash32 TxId, BlockHeader Header, MerkleInclusionProof Proof, string? DaReference)
{
    /// <summary>Checks the proof against the header's tx root (not the header's signature).</summary>
    public bool Verify() => Proof.Verify(TxId, Header.TxRoot);
}
