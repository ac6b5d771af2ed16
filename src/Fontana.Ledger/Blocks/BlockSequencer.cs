using System.Runtime.InteropServices;
using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Ledger.Pipeline;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Blocks;

/// <summary>
/// Seals the pending block on the writer: tx root over the txids in sequence order, the state tree updated with the
/// block's net UTXO changes, a header signed by the sequencer key (timestamp from the clock, never before the
/// previous block's), and the rows to store (block + state-tree nodes) in one commit.
/// </summary>
internal sealed class BlockSequencer(LedgerContext context, LedgerState state, StateTree tree)
{
    public StateTree Tree { get; } = tree;

    /// <summary>Seals a new block signed with the sequencer key.</summary>
    public (LedgerBlock Block, CommitJob Job) Seal()
    {
        var key = context.SequencerKey
            ?? throw new LedgerException(LedgerErrorCodes.KeyMissing, "sealing needs the sequencer key (Ledger:SequencerKey)");
        var (txRoot, stateRoot, rows) = ComputeRoots();
        var last = state.LastHeader;
        var timestamp = Math.Max(context.NowUnixMilliseconds(), last.Timestamp);
        var header = new BlockHeader(
            BlockHeader.CurrentVersion,
            context.ChainId,
            last.Height + 1,
            last.Hash,
            timestamp,
            (uint)state.Pending.TxIds.Count,
            txRoot,
            stateRoot).Sign(key);
        return Finish(header, rows, daReference: null);
    }

    /// <summary>Seals the pending block as <paramref name="header"/> after checking its roots (replay); throws <c>block-mismatch</c>.</summary>
    public (LedgerBlock Block, CommitJob Job) SealAs(BlockHeader header, string? daReference)
    {
        var (txRoot, stateRoot, rows) = ComputeRoots();
        if (txRoot != header.TxRoot)
        {
            throw Mismatch(header, $"tx root is {txRoot}, the header says {header.TxRoot}");
        }

        if (stateRoot != header.StateRoot)
        {
            throw Mismatch(header, $"state root after its transactions is {stateRoot}, the header says {header.StateRoot}");
        }

        return Finish(header, rows, daReference);
    }

    internal static LedgerException Mismatch(BlockHeader header, string reason) =>
        new(LedgerErrorCodes.BlockMismatch, $"block {header.Height}: {reason}");

    private (Hash32 TxRoot, Hash32 StateRoot, List<SmtNodeRow> Rows) ComputeRoots()
    {
        var pending = state.Pending;
        var txRoot = MerkleTree.ComputeRoot(CollectionsMarshal.AsSpan(pending.TxIds));
        var changes = pending.ToStateChanges();
        var (stateRoot, rows, _) = Tree.Apply(changes);
        return (txRoot, stateRoot, rows);
    }

    private (LedgerBlock, CommitJob) Finish(BlockHeader header, List<SmtNodeRow> rows, string? daReference)
    {
        var pending = state.Pending;
        var status = daReference is null ? BlockStatus.Sealed : BlockStatus.Posted;
        var block = new LedgerBlock(header, pending.TxIds, status, daReference);
        var job = new CommitJob { Block = block };
        job.Batch.Blocks.Add(new StoredBlock(
            (long)header.Height,
            header.Hash,
            BlockHeaderCodec.Encode(header),
            pending.FirstSeq,
            pending.TxIds.Count,
            daReference is null ? StoredBlockStatus.Sealed : StoredBlockStatus.Posted,
            daReference));
        job.Batch.SmtNodes.AddRange(rows);
        state.LastHeader = header;
        pending.Reset(state.LastSeq + 1);
        return (block, job);
    }
}
