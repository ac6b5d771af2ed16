using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Merkle;
using Fontana.Core.Transactions;

namespace Fontana.Ledger;

/// <summary>
/// Inclusion (the output is unspent) or non-inclusion (spent or never created) of an outpoint in the state tree of
/// the latest sealed block. Key = <see cref="OutPoint.StateKey"/>, value = <see cref="TxOutput.StateValue"/>.
/// </summary>
/// <param name="OutPoint">The outpoint asked about.</param>
/// <param name="Output">The output when included.</param>
/// <param name="Header">The latest sealed block header; the proof is against its state root.</param>
/// <param name="Proof">The sparse Merkle proof.</param>
public sealed record UtxoProof(OutPoint OutPoint, TxOutput? Output, BlockHeader Header, SmtProof Proof)
{
    /// <summary>True when the outpoint is unspent (the proof shows its output in the tree); false for spent or never created.</summary>
    public bool IsIncluded => Output is not null;

    /// <summary>The outpoint's key in the state tree: <see cref="OutPoint.StateKey"/>.</summary>
    public Hash32 Key => OutPoint.StateKey();

    /// <summary>Checks the proof against the header's state root: inclusion of the output, or non-inclusion of the key.</summary>
    public bool Verify() => Proof.Verify(Header.StateRoot, Key, Output?.StateValue());
}
