using Fontana.Core;

namespace Fontana.RecoverBench;

/// <summary>The chain <see cref="ChainBuilder"/> wrote: where its DA file is, its tip, and one payment (for the raw verify measurement).</summary>
internal sealed record BuiltChain(string DaDirectory, ulong TipHeight, Hash32 TipHash, Hash32 StateRoot, int Blocks, int Transactions,
    byte[] SamplePayment, TimeSpan BuildTime);
