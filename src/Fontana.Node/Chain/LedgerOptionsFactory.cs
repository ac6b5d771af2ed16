using Fontana.Core.Crypto;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Options;

namespace Fontana.Node.Chain;

/// <summary>Builds the ledger's <see cref="LedgerOptions"/> from the node's: store, genesis file, key files.</summary>
public static class LedgerOptionsFactory
{
    /// <summary>The ledger options of a sequencer: the store, the genesis from its file, the sequencer and bridge keys.</summary>
    public static async Task<LedgerOptions> CreateAsync(FontanaNodeOptions node, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = StoreOnly(node, time);
        if (File.Exists(node.ResolvedGenesisPath))
        {
            options.Genesis = await GenesisDocument.LoadAsync(node.ResolvedGenesisPath, cancellationToken);
        }

        var sequencerPath = node.ResolvedSequencerKeyPath;
        if (!File.Exists(sequencerPath))
        {
            throw new LedgerException(LedgerErrorCodes.KeyMissing,
                $"no sequencer key at {sequencerPath} (Fontana:SequencerKeyPath); create one with `fontana genesis create`");
        }

        options.SequencerKey = NodeKeyFile.Load(sequencerPath);
        options.BridgeAuthorityKey = LoadOptional(node.ResolvedBridgeAuthorityKeyPath);
        return options;
    }

    /// <summary>The store part of the options (no genesis, no keys): what a follower starts from.</summary>
    public static LedgerOptions StoreOnly(FontanaNodeOptions node, TimeProvider time)
    {
        var options = new LedgerOptions { TimeProvider = time };
        if (string.Equals(node.Store.Provider, StoreOptions.PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            options.Store = LedgerStoreKind.Postgres;
            options.PostgresConnectionString = node.Store.PostgresConnectionString;
            options.PostgresSchema = node.Store.PostgresSchema;
        }
        else
        {
            options.Store = LedgerStoreKind.Sqlite;
            options.SqlitePath = node.ResolvedSqlitePath;
            options.SqliteSynchronous = node.Store.SqliteSynchronous;
            Directory.CreateDirectory(Path.GetDirectoryName(options.SqlitePath)!);
        }

        return options;
    }

    private static PrivateKey? LoadOptional(string path) => File.Exists(path) ? NodeKeyFile.Load(path) : null;
}
