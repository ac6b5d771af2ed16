using System.Diagnostics;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.DataAvailability;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;

namespace Fontana.Node.Recovery;

/// <summary>
/// Rebuilds a ledger store from DA alone (docs/operations.md, "Recovery"): reads the blocks in DA order, takes the
/// genesis from block 0's payload, and re-applies every block through the ledger, which checks the hash chain,
/// the sequencer signature, every tx root and every state root. A mismatch stops with an error naming the height.
/// Blobs not signed by the chain's sequencer (anyone can write to a Celestia namespace) and re-posts of a block
/// already applied are skipped.
/// </summary>
internal sealed class ChainRecovery(IDataAvailability da, ILogger logger)
{
    /// <summary>Replays DA heights <paramref name="fromDaHeight"/>… up to the head seen at the start into a new store
    /// described by <paramref name="storeOptions"/> (its genesis and keys are ignored). Writes genesis.json into
    /// <paramref name="genesisDirectory"/> when given.</summary>
    public async Task<RecoveryResult> RecoverAsync(LedgerOptions storeOptions, ulong fromDaHeight, string? genesisDirectory,
        IProgress<ulong>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeOptions);
        var clock = Stopwatch.StartNew();
        var head = await da.GetHeadAsync(cancellationToken);
        Ledger.LedgerEngine? ledger = null;
        GenesisDocument? genesis = null;
        var blocks = 0;
        long transactions = 0;
        try
        {
            await foreach (var daBlock in da.ReadFromAsync(fromDaHeight, head, cancellationToken))
            {
                var (block, blockGenesis) = Decode(daBlock);
                if (ledger is null)
                {
                    if (blockGenesis is null)
                    {
                        logger.LogWarning("DA height {DaHeight}: block {Height} before any genesis block; skipped", daBlock.Reference.Height, block.Height);
                        continue;
                    }

                    genesis = blockGenesis;
                    ledger = await OpenAsync(storeOptions, genesis, block.Header, cancellationToken);
                    await ledger.MarkPostedAsync(0, daBlock.Reference.ToString(), cancellationToken);
                    blocks++;
                    continue;
                }

                if (!block.Header.VerifySignature(genesis!.SequencerPublicKey))
                {
                    logger.LogWarning("DA height {DaHeight}: block {Height} is not signed by this chain's sequencer; skipped", daBlock.Reference.Height, block.Height);
                    continue;
                }

                var tip = ledger.LatestHeader;
                if (block.Height <= tip.Height)
                {
                    var stored = await ledger.GetHeaderAsync(block.Height, cancellationToken);
                    if (stored?.Hash == block.Hash)
                    {
                        continue; // a re-post of a block already applied
                    }

                    throw new RecoveryException("block-mismatch",
                        $"block {block.Height}: DA holds two different blocks signed by the sequencer at this height ({stored?.Hash} and {block.Hash})", block.Height);
                }

                if (block.Height != tip.Height + 1)
                {
                    throw new RecoveryException("chain-gap", $"block {tip.Height + 1} is missing on DA (found block {block.Height} next)", tip.Height + 1);
                }

                await ApplyAsync(ledger, block, daBlock.Reference.ToString(), cancellationToken);
                blocks++;
                transactions += block.Transactions.Count;
                progress?.Report(block.Height);
            }

            if (ledger is null)
            {
                throw new RecoveryException("no-genesis", $"no Fontana genesis block found on DA from height {fromDaHeight} to {head}");
            }

            if (genesisDirectory is not null)
            {
                Directory.CreateDirectory(genesisDirectory);
                await File.WriteAllTextAsync(Path.Combine(genesisDirectory, ChainSetup.GenesisFile), genesis!.ToJson(), cancellationToken);
            }

            var last = ledger.LatestHeader;
            return new RecoveryResult(last.Height, last.Hash, last.StateRoot, ledger.ChainId, blocks, transactions, clock.Elapsed);
        }
        finally
        {
            if (ledger is not null)
            {
                await ledger.DisposeAsync();
            }
        }
    }

    private static (Block Block, GenesisDocument? Genesis) Decode(DaBlock daBlock)
    {
        try
        {
            return DaPayload.Decode(daBlock.Bytes.Span);
        }
        catch (Exception ex) when (ex is FontanaFormatException or LedgerException)
        {
            throw new RecoveryException("da-corrupt", $"block {daBlock.FontanaHeight} (DA height {daBlock.Reference.Height}) does not decode: {ex.Message}",
                daBlock.FontanaHeight, ex);
        }
    }

    private static async Task<Ledger.LedgerEngine> OpenAsync(LedgerOptions storeOptions, GenesisDocument genesis, BlockHeader block0, CancellationToken ct)
    {
        var options = new LedgerOptions
        {
            Store = storeOptions.Store,
            SqlitePath = storeOptions.SqlitePath,
            PostgresConnectionString = storeOptions.PostgresConnectionString,
            PostgresSchema = storeOptions.PostgresSchema,
            SqliteSynchronous = storeOptions.SqliteSynchronous,
            TimeProvider = storeOptions.TimeProvider,
            Genesis = genesis,
            GenesisBlockHeader = block0,
        };
        try
        {
            var ledger = await LedgerHost.OpenAsync(options, ct);
            if (ledger.LatestHeader.Height != 0)
            {
                var height = ledger.LatestHeader.Height;
                await ledger.DisposeAsync();
                throw new RecoveryException("store-not-empty", $"the target store already holds a chain up to block {height}; recover into a new store");
            }

            if (ledger.LatestHeader.Hash != block0.Hash)
            {
                await ledger.DisposeAsync();
                throw new RecoveryException("block-mismatch", $"block 0: DA holds {block0.Hash}, the genesis yields {ledger.LatestHeader.Hash}", 0);
            }

            return ledger;
        }
        catch (LedgerException ex)
        {
            throw new RecoveryException(ex.Code, $"block 0: {ex.Message}", 0, ex);
        }
    }

    private static async Task ApplyAsync(ILedger ledger, Block block, string daReference, CancellationToken ct)
    {
        try
        {
            var applied = await ledger.ApplySealedBlockAsync(block, daReference, ct);
            if (applied.Hash != block.Hash)
            {
                throw new RecoveryException("block-mismatch", $"block {block.Height}: replay produced {applied.Hash}, DA holds {block.Hash}", block.Height);
            }
        }
        catch (LedgerException ex)
        {
            throw new RecoveryException(ex.Code, ex.Message.Contains($"block {block.Height}", StringComparison.Ordinal) ? ex.Message : $"block {block.Height}: {ex.Message}",
                block.Height, ex);
        }
    }
}
