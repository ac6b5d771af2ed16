using Fontana.Core;
using Fontana.Core.Blocks;

namespace Fontana.Ledger;

/// <summary>A sealed block as the ledger stores it: the signed header, its txids in order, and its DA status.</summary>
public sealed record LedgerBlock(BlockHeader Header, IReadOnlyList<Hash32> TxIds, BlockStatus Status, string? DaReference)
{
    public ulong Height => Header.Height;

    public Hash32 Hash => Header.Hash;
}
