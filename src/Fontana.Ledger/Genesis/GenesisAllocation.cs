using Fontana.Core;

namespace Fontana.Ledger.Genesis;

/// <summary>One genesis allocation: it becomes the UTXO <c>(genesisHash, index)</c> owned by <paramref name="Address"/>.</summary>
public sealed record GenesisAllocation(Address Address, Amount Amount);
