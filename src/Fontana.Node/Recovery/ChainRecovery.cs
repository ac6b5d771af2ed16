using System.Diagnostics;
using Fontana.Core.Errors;
using Fontana.Core;
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
/// already applied are skipped. Progress is checkpointed (<see cref="RecoveryCheckpoint"/>) so a recovery that
/// stopped — a pruned height, a node that kept failing — resumes where it was instead of starting over.
/// </summary>
/// <param name="da">The data availability layer to read the blocks from.</param>
/// <param name="logger">Where progress and skipped blobs are logged.</param>
public sealed class ChainRecovery(IDataAvailability da, ILogger logger)
{
    private const int CheckpointEveryBlocks = 256;

    /// <summary>Blocks handed to the ledger and not yet awaited: the next block's signatures are verified while the previous one commits.</summary>
    private const int BlocksInFlight = 2;

    /// <summary>Replays DA heights from <paramref name="fromDaHeight"/> (null: 1, or the checkpoint's height when
    /// resuming) up to the DA head seen at the start into the store described by <paramref name="storeOptions"/> (its
    /// genesis and keys are ignored). <paramref name="targetDirectory"/> receives genesis.json and the checkpoint; a
    /// store there that holds a chain is resumed only when the checkpoint says recovery made it.</summary>
    public async Task<RecoveryResult> RecoverAsync(LedgerOptions storeOptions, ulong? fromDaHeight, string targetDirectory,
        IProgress<ulong>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeOptions);
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);
        Directory.CreateDirectory(targetDirectory);
        var clock = Stopwatch.StartNew();
        var checkpoint = RecoveryCheckpoint.TryLoad(targetDirectory);
        GenesisDocument? genesis = null;
        Ledger.LedgerEngine? ledger = null;
        if (checkpoint is not null)
        {
            var genesisPath = Path.Combine(targetDirectory, ChainSetup.GenesisFile);
            if (!File.Exists(genesisPath))
            {
                throw new RecoveryException(ErrorCodes.CheckpointInvalid, $"{RecoveryCheckpoint.FileName} is there but {genesisPath} is not; recover into a new directory");
            }

            genesis = await GenesisDocument.LoadAsync(genesisPath, cancellationToken);
            ledger = await ReopenAsync(storeOptions, genesis, checkpoint, cancellationToken);
            logger.LogInformation("resuming recovery at block {Height}, DA height {DaHeight}", checkpoint.Height, checkpoint.NextDaHeight);
        }

        var start = fromDaHeight ?? checkpoint?.NextDaHeight ?? 1;
        var head = await ReadDaAsync(() => da.GetHeadAsync(cancellationToken), start);
        var run = new ReplayWindow(progress);
        var nextDaHeight = start;
        var sinceCheckpoint = 0;
        try
        {
            await using var reader = da.ReadFromAsync(start, head, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await ReadDaAsync(async () => await reader.MoveNextAsync(), run.NextDaHeight ?? nextDaHeight))
            {
                var daBlock = reader.Current;
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
                    await File.WriteAllTextAsync(Path.Combine(targetDirectory, ChainSetup.GenesisFile), genesis.ToJson(), cancellationToken);
                    run.Blocks++;
                    nextDaHeight = LastDaHeight(daBlock.Reference);
                    Checkpoint(ledger, nextDaHeight, targetDirectory);
                    continue;
                }

                if (!block.Header.VerifySignature(genesis!.SequencerPublicKey))
                {
                    logger.LogWarning("DA height {DaHeight}: block {Height} is not signed by this chain's sequencer; skipped", daBlock.Reference.Height, block.Height);
                    continue;
                }

                var queuedTip = run.QueuedHeight ?? ledger.LatestHeader.Height;
                if (block.Height != queuedTip + 1)
                {
                    // A re-post or a gap: decide against the store, with nothing in flight.
                    nextDaHeight = await run.DrainAsync(nextDaHeight);
                    var tip = ledger.LatestHeader;
                    if (block.Height <= tip.Height)
                    {
                        var stored = await ledger.GetHeaderAsync(block.Height, cancellationToken);
                        if (stored?.Hash == block.Hash)
                        {
                            continue; // a re-post of a block already applied
                        }

                        throw new RecoveryException(ErrorCodes.BlockMismatch,
                            $"block {block.Height}: DA holds two different blocks signed by the sequencer at this height ({stored?.Hash} and {block.Hash})", block.Height);
                    }

                    throw new RecoveryException(ErrorCodes.ChainGap, $"block {tip.Height + 1} is missing on DA (found block {block.Height} next, at DA height {daBlock.Reference.Height})", tip.Height + 1);
                }

                // Started now (its signatures are verified on all cores while the previous block commits), awaited later.
                run.Add(ApplyAsync(ledger, block, daBlock.Reference.ToString(), cancellationToken), block, LastDaHeight(daBlock.Reference));
                while (run.InFlight > BlocksInFlight)
                {
                    nextDaHeight = await run.CompleteOldestAsync();
                    if (++sinceCheckpoint >= CheckpointEveryBlocks)
                    {
                        Checkpoint(ledger, nextDaHeight, targetDirectory);
                        sinceCheckpoint = 0;
                    }
                }
            }

            nextDaHeight = await run.DrainAsync(nextDaHeight);
            if (ledger is null)
            {
                throw new RecoveryException(ErrorCodes.NoGenesis, $"no Fontana genesis block found on DA from height {start} to {head}");
            }

            Checkpoint(ledger, Math.Max(nextDaHeight, head), targetDirectory);
            var last = ledger.LatestHeader;
            return new RecoveryResult(last.Height, last.Hash, last.StateRoot, ledger.ChainId, run.Blocks, run.Transactions, clock.Elapsed, ledger.DescribePipeline());
        }
        catch (RecoveryException) when (ledger is not null)
        {
            // What was applied stays applied: resume from the last block known complete (blocks still in flight
            // either finish or fail; either way the checkpoint never names a DA height past an unapplied block).
            nextDaHeight = await run.SettleAsync(nextDaHeight);
            Checkpoint(ledger, nextDaHeight, targetDirectory);
            throw;
        }
        finally
        {
            if (ledger is not null)
            {
                await run.SettleAsync(nextDaHeight);
                await ledger.DisposeAsync();
            }
        }
    }

    /// <summary>A DA read that failed for good (after the layer's own per-height retries) stops recovery naming the DA height.</summary>
    private static async Task<T> ReadDaAsync<T>(Func<Task<T>> read, ulong daHeight)
    {
        try
        {
            return await read();
        }
        catch (DataAvailabilityException ex)
        {
            var hint = ex.Code == DaErrorCodes.Pruned
                ? " This node no longer serves that height: recover from an archival node or a local DA copy (docs/operations.md)."
                : " Run the same command again to resume from the checkpoint.";
            throw new RecoveryException(ex.Code, $"reading DA at or after height {daHeight} failed: {ex.Message}.{hint}", null, ex);
        }
    }

    /// <summary>The highest DA height holding a chunk of the block: the next block's chunks come at or after it.</summary>
    internal static ulong LastDaHeight(DaReference reference)
    {
        var max = reference.Height;
        for (var i = 0; i < reference.Commitments.Count; i++)
        {
            max = Math.Max(max, reference.GetChunk(i).Height);
        }

        return max;
    }

    private static void Checkpoint(ILedger ledger, ulong nextDaHeight, string directory)
    {
        var tip = ledger.LatestHeader;
        new RecoveryCheckpoint(ledger.ChainId, tip.Height, tip.Hash.ToString(), nextDaHeight).Save(directory);
    }

    private static async Task<Ledger.LedgerEngine> ReopenAsync(LedgerOptions storeOptions, GenesisDocument genesis, RecoveryCheckpoint checkpoint, CancellationToken ct)
    {
        var ledger = await LedgerHost.OpenAsync(StoreOptions(storeOptions, genesis, null), ct);
        var tip = ledger.LatestHeader;
        if (ledger.ChainId != checkpoint.ChainId || tip.Height < checkpoint.Height
            || (await ledger.GetHeaderAsync(checkpoint.Height, ct))?.Hash.ToString() != checkpoint.BlockHash)
        {
            await ledger.DisposeAsync();
            throw new RecoveryException(ErrorCodes.CheckpointInvalid,
                $"the store does not hold block {checkpoint.Height} {checkpoint.BlockHash} of chain {checkpoint.ChainId} that the checkpoint names; recover into a new directory");
        }

        return ledger;
    }

    private static LedgerOptions StoreOptions(LedgerOptions storeOptions, GenesisDocument genesis, BlockHeader? block0) => new()
    {
        Store = storeOptions.Store,
        SqlitePath = storeOptions.SqlitePath,
        PostgresConnectionString = storeOptions.PostgresConnectionString,
        PostgresSchema = storeOptions.PostgresSchema,
        SqliteSynchronous = storeOptions.SqliteSynchronous,
        TimeProvider = storeOptions.TimeProvider,
        Genesis = genesis,
        GenesisBlockHeader = block0,

        // A new store (block0 given) is filled from DA in one go: its txid index is built once, at close.
        BulkLoad = block0 is not null,
    };

    private static (Block Block, GenesisDocument? Genesis) Decode(DaBlock daBlock)
    {
        try
        {
            return DaPayload.Decode(daBlock.Bytes.Span);
        }
        catch (Exception ex) when (ex is FontanaFormatException or LedgerException)
        {
            throw new RecoveryException(ErrorCodes.DaCorrupt, $"block {daBlock.FontanaHeight} (DA height {daBlock.Reference.Height}) does not decode: {ex.Message}",
                daBlock.FontanaHeight, ex);
        }
    }

    private static async Task<Ledger.LedgerEngine> OpenAsync(LedgerOptions storeOptions, GenesisDocument genesis, BlockHeader block0, CancellationToken ct)
    {
        var options = StoreOptions(storeOptions, genesis, block0);
        try
        {
            var ledger = await LedgerHost.OpenAsync(options, ct);
            if (ledger.LatestHeader.Height != 0)
            {
                var height = ledger.LatestHeader.Height;
                await ledger.DisposeAsync();
                throw new RecoveryException(ErrorCodes.StoreNotEmpty, $"the target store already holds a chain up to block {height}; recover into a new store");
            }

            if (ledger.LatestHeader.Hash != block0.Hash)
            {
                await ledger.DisposeAsync();
                throw new RecoveryException(ErrorCodes.BlockMismatch, $"block 0: DA holds {block0.Hash}, the genesis yields {ledger.LatestHeader.Hash}", 0);
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
                throw new RecoveryException(ErrorCodes.BlockMismatch, $"block {block.Height}: replay produced {applied.Hash}, DA holds {block.Hash}", block.Height);
            }
        }
        catch (LedgerException ex)
        {
            throw new RecoveryException(ex.Code, ex.Message.Contains($"block {block.Height}", StringComparison.Ordinal) ? ex.Message : $"block {block.Height}: {ex.Message}",
                block.Height, ex);
        }
    }
}
