using Fontana.Core;

namespace Fontana.Node.Recovery;

/// <summary>What a recovery rebuilt: the last block's height, hash and state root, and how much was replayed.</summary>
public sealed record RecoveryResult(ulong Height, Hash32 BlockHash, Hash32 StateRoot, string ChainId, int Blocks, long Transactions, TimeSpan Elapsed);
