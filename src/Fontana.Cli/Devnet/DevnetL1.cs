using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fontana.Bridge.Simulator;
using Fontana.Core.Bridge;
using Fontana.Ledger.Genesis;

namespace Fontana.Cli.Devnet;

/// <summary>
/// The devnet's L1: an <see cref="L1Simulator"/> on 127.0.0.1 (an OS-assigned port) speaking celestia-node's
/// <c>state</c> JSON-RPC and the Cosmos REST tx search (and, on a second port, the consensus node's gRPC gas estimator), its chain kept in <c>l1-simulator.json</c> in the data dir and a
/// block produced every second. The vault and a faucet (1,000,000 TIA, funded once) are derived from the genesis hash,
/// so a resumed devnet finds the same accounts. The node's deposit watcher and withdrawal processor run against it
/// exactly as against Celestia; the vault starts empty, so on L1 it always holds deposits − payouts.
/// </summary>
internal static class DevnetL1
{
    public const string StateFile = "l1-simulator.json";
    public const ulong FaucetUtia = 1_000_000UL * 1_000_000UL;
    public static readonly TimeSpan BlockTime = TimeSpan.FromSeconds(1);
    public const int Confirmations = 2;

    public static async Task<L1Simulator> StartAsync(string dataDir, GenesisDocument genesis)
    {
        var simulator = await L1Simulator.StartAsync(new L1SimulatorOptions
        {
            Vault = Vault(genesis),
            StateFile = Path.Combine(dataDir, StateFile),
            BlockTime = BlockTime,
        });
        simulator.FundOnce(Faucet(genesis), FaucetUtia);
        return simulator;
    }

    public static CelestiaAddress Vault(GenesisDocument genesis) => Derive(genesis, "vault");

    public static CelestiaAddress Faucet(GenesisDocument genesis) => Derive(genesis, "faucet");

    /// <summary>The node's <c>Fontana:Bridge:L1</c> settings pointing at the simulator.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> NodeSettings(L1Simulator simulator, GenesisDocument genesis)
    {
        const string K = "Fontana:Bridge:L1:";
        var url = simulator.Url.ToString();
        yield return new(K + "VaultAddress", Vault(genesis).Text);
        yield return new(K + "RpcUrl", url);
        yield return new(K + "RestUrl", url);
        yield return new(K + "GrpcUrl", simulator.GrpcUrl.ToString());
        yield return new(K + "Confirmations", Confirmations.ToString(CultureInfo.InvariantCulture));
        yield return new(K + "PollInterval", "00:00:00.500");
        yield return new(K + "MempoolWindowBlocks", "3");
        yield return new(K + "FaucetUrl", url);
        yield return new(K + "FaucetAddress", Faucet(genesis).Text);
    }

    private static CelestiaAddress Derive(GenesisDocument genesis, string role) =>
        CelestiaAddress.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes($"fontana-devnet/{role}/{genesis.Hash}")).AsSpan(0, CelestiaAddress.Length));
}
