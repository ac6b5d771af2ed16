using Fontana.Core.Blocks;
using Fontana.Core.Errors;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;

namespace Fontana.Node.Follower;

/// <summary>
/// Where every block a follower receives — from DA or from the sequencer — is judged: a block not signed by the chain's
/// sequencer is ignored (anyone can write to a Celestia namespace); a block at a height the follower already holds must
/// be the same block (else: equivocation, and the follower halts); the next block must extend the tip, and is replayed
/// through the ledger, which recomputes its tx root and state root. A DA reference for a held block marks it posted.
/// </summary>
internal sealed class FollowerChain(NodeLedger node, FollowerStatus status, NodeMetrics metrics, ILogger<FollowerChain> logger)
{
    /// <summary>The block was replayed and stored.</summary>
    public const string Applied = "applied";

    /// <summary>The follower holds this very block already.</summary>
    public const string Known = "known";

    /// <summary>The block is beyond the next height: earlier blocks are needed first.</summary>
    public const string Ahead = "ahead";

    /// <summary>The block is not this chain's (wrong signature or chain id) and was ignored.</summary>
    public const string Ignored = "ignored";

    /// <summary>The follower has halted (now or before); nothing more is applied.</summary>
    public const string Halted = "halted";

    /// <summary>The tip the follower holds.</summary>
    public BlockHeader Tip => node.Ledger.LatestHeader;

    /// <summary>Judges <paramref name="block"/> from <paramref name="source"/> (<c>da</c> or <c>sequencer</c>); see the type's summary.</summary>
    public async Task<string> AcceptAsync(Block block, string? daReference, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        var ledger = node.Ledger;
        if (status.Halt is not null)
        {
            return Halted;
        }

        if (!IsOurs(ledger, block.Header, source))
        {
            return Ignored;
        }

        var tip = ledger.LatestHeader;
        if (block.Height <= tip.Height)
        {
            var held = await ledger.GetBlockAsync(block.Height, cancellationToken)
                ?? throw new InvalidOperationException($"the ledger lost block {block.Height} below its tip {tip.Height}");
            if (held.Hash != block.Hash)
            {
                status.Equivocate(block.Height, held.Hash, block.Hash, source);
                return Halted;
            }

            if (daReference is not null && held.Status != BlockStatus.Posted)
            {
                await ledger.MarkPostedAsync(block.Height, daReference, cancellationToken);
                node.PublishPosted(held, daReference);
            }

            return Known;
        }

        if (block.Height > tip.Height + 1)
        {
            return Ahead;
        }

        if (block.Header.PreviousHash != tip.Hash)
        {
            // A signed block built on another block at the tip's height: the sequencer signed two histories.
            status.Equivocate(tip.Height, tip.Hash, block.Header.PreviousHash, $"{source}, as the previous hash of block {block.Height}");
            return Halted;
        }

        try
        {
            var applied = await ledger.ApplySealedBlockAsync(block, daReference, cancellationToken);
            metrics.FollowerBlockApplied(source);
            if (daReference is not null)
            {
                node.PublishPosted(applied, daReference);
            }

            return Applied;
        }
        catch (LedgerException ex) when (ex.Code is ErrorCodes.BlockInvalid or ErrorCodes.BlockMismatch)
        {
            status.Invalid(block.Height, ex.Code, ex.Message);
            return Halted;
        }
    }

    /// <summary>Compares a header the sequencer announced with the block the follower holds at its height (if any).</summary>
    public async Task CheckHeaderAsync(BlockHeader header, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        var ledger = node.Ledger;
        if (status.Halt is not null || header.Height > ledger.LatestHeader.Height || !IsOurs(ledger, header, source))
        {
            return;
        }

        var held = await ledger.GetHeaderAsync(header.Height, cancellationToken);
        if (held is not null && held.Hash != header.Hash)
        {
            status.Equivocate(header.Height, held.Hash, header.Hash, source);
        }
    }

    private bool IsOurs(ILedger ledger, BlockHeader header, string source)
    {
        if (header.ChainId == ledger.ChainId && header.VerifySignature(ledger.SequencerPublicKey))
        {
            return true;
        }

        logger.LogWarning("{Source}: block {Height} {Hash} is not signed by chain {ChainId}'s sequencer; ignored", source, header.Height, header.Hash, ledger.ChainId);
        return false;
    }
}
