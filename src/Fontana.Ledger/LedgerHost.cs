using Fontana.Core.Encoding;
using Fontana.Ledger.Genesis;
using Fontana.Ledger.Pipeline;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;
using Fontana.Ledger.Storage.Postgres;
using Fontana.Ledger.Storage.Sqlite;

namespace Fontana.Ledger;

/// <summary>Opens ledgers: creates or upgrades the store, creates the chain from genesis if new, loads the state.</summary>
public static class LedgerHost
{
    /// <summary>
    /// Opens (or creates) the ledger described by <paramref name="options"/>. Throws <see cref="LedgerException"/>:
    /// <c>invalid-options</c>, <c>genesis-mismatch</c> (the store holds another chain), <c>schema-too-new</c>,
    /// <c>key-missing</c>, <c>store-failure</c>.
    /// </summary>
    public static async Task<LedgerEngine> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var store = CreateStore(options);
        try
        {
            return await OpenAsync(options, store, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a ledger over an existing store object (tests inject failing stores here). Takes ownership of <paramref name="store"/>.</summary>
    internal static async Task<LedgerEngine> OpenAsync(LedgerOptions options, ILedgerStore store, CancellationToken cancellationToken)
    {
        options.Validate();
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var isNew = await store.GetChainAsync(cancellationToken).ConfigureAwait(false) is null;
        var genesis = await EnsureChainAsync(options, store, cancellationToken).ConfigureAwait(false);
        if (isNew && options.BulkLoad)
        {
            await store.DeferTxIdIndexAsync(cancellationToken).ConfigureAwait(false);
        }

        CheckKeys(options, genesis);
        var (state, tree, addresses) = await LedgerLoader.LoadAsync(store, genesis.FeeAddress, cancellationToken).ConfigureAwait(false);
        var latest = await store.GetLatestBlockAsync(cancellationToken).ConfigureAwait(false);
        var context = new LedgerContext(genesis, store, options, BlockHeaderCodec.Decode(latest!.HeaderBytes), addresses);
        var verifiers = options.VerifierCount == 0 ? Environment.ProcessorCount : options.VerifierCount;
        return new LedgerEngine(context, state, tree, verifiers, options.QueueCapacity, options.StateCheckpointInterval);
    }

    internal static ILedgerStore CreateStore(LedgerOptions options) => options.Store switch
    {
        LedgerStoreKind.Postgres => new PostgresLedgerStore(options.PostgresConnectionString!, options.PostgresSchema),
        _ => new SqliteLedgerStore(options.SqlitePath!, options.SqliteSynchronous),
    };

    private static async Task<GenesisDocument> EnsureChainAsync(LedgerOptions options, ILedgerStore store, CancellationToken cancellationToken)
    {
        var chain = await store.GetChainAsync(cancellationToken).ConfigureAwait(false);
        if (chain is not null)
        {
            var stored = GenesisDocument.FromCanonicalBytes(chain.GenesisBytes);
            if (options.Genesis is { } configured && configured.Hash != stored.Hash)
            {
                throw new LedgerException(
                    LedgerErrorCodes.GenesisMismatch,
                    $"the store holds chain \"{stored.ChainId}\" with genesis {stored.Hash}, but the configured genesis (chain \"{configured.ChainId}\") is {configured.Hash}; "
                    + "use the original genesis.json or a new data directory / database");
            }

            return stored;
        }

        var genesis = options.Genesis
            ?? throw new LedgerException(LedgerErrorCodes.InvalidOptions, "Ledger:Genesis is required to create a new ledger (the store is empty)");
        CheckKeys(options, genesis);
        var (unsigned, batch, nodes) = GenesisBlockBuilder.Build(genesis);
        var header = GenesisBlockBuilder.Finish(genesis, unsigned, options.SequencerKey, options.GenesisBlockHeader);
        batch.Blocks.Add(GenesisBlockBuilder.ToStored(header));

        // The tree first: without the chain row a crash here leaves an unused checkpoint, rewritten by the next try.
        await store.WriteStateCheckpointAsync(nodes, 0, unsigned.StateRoot, cancellationToken).ConfigureAwait(false);
        await store.CreateChainAsync(new ChainRecord(genesis.ChainId, genesis.Hash, genesis.ToCanonicalBytes()), batch, cancellationToken)
            .ConfigureAwait(false);
        return genesis;
    }

    private static void CheckKeys(LedgerOptions options, GenesisDocument genesis)
    {
        if (options.SequencerKey is { } sequencer && sequencer.PublicKey != genesis.SequencerPublicKey)
        {
            throw LedgerOptions.Invalid(
                "Ledger:SequencerKey",
                $"has public key {sequencer.PublicKey}, but the genesis sequencer key is {genesis.SequencerPublicKey}");
        }

        if (options.BridgeAuthorityKey is { } bridge && bridge.PublicKey != genesis.BridgeAuthorityPublicKey)
        {
            throw LedgerOptions.Invalid(
                "Ledger:BridgeAuthorityKey",
                $"has public key {bridge.PublicKey}, but the genesis bridge authority key is {genesis.BridgeAuthorityPublicKey}");
        }
    }
}
