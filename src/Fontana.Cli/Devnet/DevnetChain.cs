using Fontana.Core;
using Fontana.Ledger.Genesis;

namespace Fontana.Cli.Devnet;

/// <summary>The devnet's chain as prepared on disk: its genesis, the funded wallet address, the bridge API key and the
/// provider dashboard's key.</summary>
internal sealed record DevnetChain(GenesisDocument Genesis, Address WalletAddress, string BridgeKey, string DashboardKey, bool CreatedChain, bool CreatedWallet);
