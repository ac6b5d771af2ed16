using Fontana.Core;
using Fontana.Ledger.Genesis;

namespace Fontana.Node.Chain;

/// <summary>
/// Creates what a new chain needs in a data directory: <c>sequencer.key</c>, <c>bridge-authority.key</c> (both
/// 0600) and <c>genesis.json</c> (sequencer key, bridge authority, fee address = the sequencer's address, minimum fee,
/// block interval, allocations). Used by <c>fontana genesis create</c>, <c>fontana devnet</c> and tests.
/// </summary>
public static class ChainSetup
{
    /// <summary>The genesis document's file name in a data directory.</summary>
    public const string GenesisFile = "genesis.json";

    /// <summary>The sequencer key's file name in a data directory.</summary>
    public const string SequencerKeyFile = "sequencer.key";

    /// <summary>The bridge authority key's file name in a data directory.</summary>
    public const string BridgeAuthorityKeyFile = "bridge-authority.key";

    /// <summary>Writes keys (kept when present) and a new genesis.json; refuses to replace an existing genesis.</summary>
    public static async Task<GenesisDocument> CreateAsync(
        string dataDir, string chainId, IReadOnlyList<GenesisAllocation> allocations, TimeSpan blockInterval, Amount minFee,
        TimeProvider time, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDir);
        var genesisPath = Path.Combine(dataDir, GenesisFile);
        if (File.Exists(genesisPath))
        {
            throw new InvalidOperationException($"{genesisPath} exists; a chain's genesis is never replaced (use a new data directory)");
        }

        using var sequencer = NodeKeyFile.LoadOrCreate(Path.Combine(dataDir, SequencerKeyFile), "sequencer");
        using var bridge = NodeKeyFile.LoadOrCreate(Path.Combine(dataDir, BridgeAuthorityKeyFile), "bridge authority");
        var now = time.GetUtcNow();
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var genesis = new GenesisDocument(chainId, timestamp, sequencer.PublicKey, bridge.PublicKey, new Address(sequencer.PublicKey),
            minFee, blockInterval, allocations);
        var temp = genesisPath + ".tmp";
        await File.WriteAllTextAsync(temp, genesis.ToJson(), cancellationToken);
        File.Move(temp, genesisPath);
        return genesis;
    }
}
