namespace Fontana.Ledger;

/// <summary>Raised after a block is durably stored (in height order, never concurrently).</summary>
public sealed class BlockSealedEventArgs(LedgerBlock block) : EventArgs
{
    /// <summary>The block just stored.</summary>
    public LedgerBlock Block { get; } = block;
}
