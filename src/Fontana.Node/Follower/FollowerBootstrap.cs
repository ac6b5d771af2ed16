using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.DataAvailability;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Follower;

/// <summary>
/// The ledger options of a follower: its own store, no keys (the ledger only replays), and the chain's genesis.
/// The genesis comes from <c>{DataDir}/genesis.json</c> when present; a new store also needs the signed block 0, taken
/// from the sequencer (<c>/v1/blocks/0/raw</c>) or, when it cannot be reached, from the first genesis block on DA.
/// Block 0 must be signed by the genesis's sequencer key and match <see cref="FollowerOptions.GenesisHash"/> when that
/// pin is set. The genesis found is written to <c>genesis.json</c> so a restart needs neither source.
/// </summary>
internal sealed class FollowerBootstrap(SequencerClient sequencer, IDataAvailability da, IOptions<FontanaNodeOptions> options, TimeProvider time,
    ILogger<FollowerBootstrap> logger)
{
    public async Task<LedgerOptions> CreateOptionsAsync(CancellationToken cancellationToken)
    {
        var node = options.Value;
        var ledgerOptions = LedgerOptionsFactory.StoreOnly(node, time);
        var genesisPath = node.ResolvedGenesisPath;
        var genesis = File.Exists(genesisPath) ? await GenesisDocument.LoadAsync(genesisPath, cancellationToken) : null;
        var newStore = ledgerOptions.Store != LedgerStoreKind.Sqlite || !File.Exists(ledgerOptions.SqlitePath);
        if (genesis is null || newStore)
        {
            var found = await FindBlockZeroAsync(cancellationToken);
            if (found is null && genesis is null)
            {
                throw new LedgerException(LedgerErrorCodes.InvalidOptions,
                    $"the follower's store is empty and the chain's block 0 cannot be found: the sequencer at {sequencer.BaseAddress} does not answer and DA holds "
                    + $"no genesis block from height {node.Follower.DaStartHeight}; start it when the sequencer answers, or put the chain's genesis.json in {node.ResolvedDataDir}");
            }

            if (found is { } f)
            {
                if (genesis is not null && genesis.Hash != f.Genesis.Hash)
                {
                    throw new LedgerException(LedgerErrorCodes.GenesisMismatch,
                        $"{genesisPath} is genesis {genesis.Hash}, but the followed chain's block 0 carries genesis {f.Genesis.Hash}");
                }

                genesis ??= f.Genesis;
                ledgerOptions.GenesisBlockHeader = f.Block0;
            }
        }

        CheckPin(genesis!, node.Follower.GenesisHash);
        ledgerOptions.Genesis = genesis;
        if (!File.Exists(genesisPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(genesisPath)!);
            await File.WriteAllTextAsync(genesisPath, genesis!.ToJson(), cancellationToken);
            logger.LogInformation("follower: chain {ChainId} genesis {Hash} written to {Path}", genesis.ChainId, genesis.Hash, genesisPath);
        }

        return ledgerOptions;
    }

    private static void CheckPin(GenesisDocument genesis, string? pin)
    {
        if (pin is { Length: > 0 } && Hash32.Parse(pin) != genesis.Hash)
        {
            throw new LedgerException(LedgerErrorCodes.GenesisMismatch,
                $"the followed chain's genesis is {genesis.Hash}, but Fontana:Follower:GenesisHash pins {pin.ToLowerInvariant()}");
        }
    }

    private async Task<(BlockHeader Block0, GenesisDocument Genesis)?> FindBlockZeroAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await sequencer.GetPayloadAsync(0, cancellationToken) is { } payload)
            {
                return Verified(DaPayload.Decode(payload), "the sequencer");
            }
        }
        catch (SequencerUnavailableException ex)
        {
            logger.LogWarning("follower: {Message}; looking for block 0 on DA", ex.Message);
        }

        var head = await da.GetHeadAsync(cancellationToken);
        await foreach (var daBlock in da.ReadFromAsync(options.Value.Follower.DaStartHeight, head, cancellationToken))
        {
            (Block Block, GenesisDocument? Genesis) decoded;
            try
            {
                decoded = DaPayload.Decode(daBlock.Bytes.Span);
            }
            catch (Exception ex) when (ex is FontanaFormatException or LedgerException)
            {
                continue; // not a Fontana block: anyone may write to a Celestia namespace
            }

            if (decoded.Genesis is not null && decoded.Block.Header.VerifySignature(decoded.Genesis.SequencerPublicKey)
                && (options.Value.Follower.GenesisHash is not { Length: > 0 } pin || Hash32.Parse(pin) == decoded.Genesis.Hash))
            {
                return Verified(decoded, $"DA height {daBlock.Reference.Height}");
            }
        }

        return null;
    }

    private static (BlockHeader, GenesisDocument) Verified((Block Block, GenesisDocument? Genesis) decoded, string source)
    {
        var (block, genesis) = decoded;
        if (genesis is null || block.Height != 0 || !block.Header.VerifySignature(genesis.SequencerPublicKey))
        {
            throw new LedgerException(LedgerErrorCodes.GenesisMismatch, $"block 0 from {source} is not a genesis block signed by its genesis's sequencer key");
        }

        return (block.Header, genesis);
    }
}
