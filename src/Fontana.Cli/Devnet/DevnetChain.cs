using Fontana.Core;
using Fontana.Ledger.Genesis;

namespace Fontana.Cli.Devnet;

/// <summary>The devnet's chain as prepared on disk: its genesis, the funded wallet address and the bridge API key.</summary>
internal sealed record DevnetChain(GenesisDocument Genesis, Address WalletAddress, string BridgeKey, bool CreatedChain, bool CreatedWallet);
