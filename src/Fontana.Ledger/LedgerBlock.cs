using Fontana.Core;
using Fontana.Core.Blocks;

namespace Fontana.Ledger;

/// <summary>A sealed block as the ledger stores it: the signed header, its txids in order, and its DA status.</summary>
/// <param name="Header">The sequencer-signed header.</param>
/// <param name="TxIds">The block's transaction ids, in commit order.</param>
/// <param name="Status">Whether the block is posted to DA yet.</param>
/// <param name="DaReference">Where it was posted (<see cref="Fontana.Core.DaReference"/>'s text form), or null before.</param>
public sealed record LedgerBlock(BlockHeader Header, IReadOnlyList<Hash32> TxIds, BlockStatus Status, string? DaReference)
{
    /// <summary>The block's height (<see cref="BlockHeader.Height"/>).</summary>
    public ulong Height => Header.Height;

    /// <summary>The block hash (<see cref="BlockHeader.Hash"/>).</summary>
    public Hash32 Hash => Header.Hash;
}
