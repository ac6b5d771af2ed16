using Fontana.Core;

namespace Fontana.Node.Recovery;

/// <summary>What a recovery rebuilt: the last block's height, hash and state root, and how much was replayed.
/// <see cref="Pipeline"/> is the ledger pipeline's stage totals at the end (<see cref="Ledger.LedgerEngine.DescribePipeline"/>), for load tools.</summary>
public sealed record RecoveryResult(ulong Height, Hash32 BlockHash, Hash32 StateRoot, string ChainId, int Blocks, long Transactions, TimeSpan Elapsed, string? Pipeline = null);
