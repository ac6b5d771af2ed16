using Fontana.Core.Validation;
using Fontana.Ledger.Blocks;

namespace Fontana.Ledger.Pipeline;

/// <summary>Sealing and replaying blocks on the writer.</summary>
internal sealed partial class LedgerWriter
{
    private async ValueTask SealAsync(SealCommand command)
    {
        if (_context.SequencerKey is null)
        {
            command.Completion.TrySetException(new LedgerException(LedgerErrorCodes.KeyMissing, "sealing needs the sequencer key (Ledger:SequencerKey)"));
            return;
        }

        var (block, job) = _sequencer.Seal();
        job.OnCommitted.Add(() => command.Completion.TrySetResult(block));
        job.OnFailed.Add(command.Fail);
        await FlushAsync(job).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-applies a block's transactions exactly (same rules, no expiry: the block already fixed acceptance) and seals
    /// it with its own header after checking the roots. Any difference leaves memory ahead of the store, so the
    /// ledger fails stop and the command fails with the reason; nothing of the block is committed.
    /// </summary>
    private async ValueTask ReplayAsync(ReplayCommand command)
    {
        var block = command.Block;
        var header = block.Header;
        var last = _state.LastHeader;
        string? problem = null;
        if (_state.Pending.TxIds.Count > 0)
        {
            problem = $"the ledger has {_state.Pending.TxIds.Count} unsealed transactions; replay needs a block boundary";
        }
        else if (header.ChainId != _context.ChainId)
        {
            problem = $"chain id is \"{header.ChainId}\", this ledger is \"{_context.ChainId}\"";
        }
        else if (header.Height != last.Height + 1)
        {
            problem = $"expected height {last.Height + 1}";
        }
        else if (header.PreviousHash != last.Hash)
        {
            problem = $"previous hash is {header.PreviousHash}, block {last.Height} is {last.Hash}";
        }
        else if (!header.VerifySignature(_context.Genesis.SequencerPublicKey))
        {
            problem = "the sequencer signature does not verify";
        }

        if (problem is not null)
        {
            // Nothing applied yet: a plain error, the ledger keeps running.
            command.Completion.TrySetException(BlockSequencer.Mismatch(header, problem));
            return;
        }

        var job = new CommitJob { FixedAcceptedAt = header.Timestamp };
        var context = new ValidationContext(_context.ChainId, 0, _context.Genesis.MinFee);
        try
        {
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                var tx = block.Transactions[i];
                var stateless = TransactionValidator.Validate(tx, context);
                if (!stateless.IsValid)
                {
                    throw Invalid(header.Height, i, stateless.ToString());
                }

                var item = new PendingApply(tx, Fontana.Core.Encoding.TransactionCodec.Encode(tx));
                if (!await ApplyAsync(item, job).ConfigureAwait(false))
                {
                    var result = await item.Completion.Task.ConfigureAwait(false);
                    throw Invalid(header.Height, i, result.IsAccepted ? "it was already applied" : $"{result.Code}: {result.Detail}");
                }
            }

            var (sealedBlock, sealJob) = _sequencer.SealAs(header, command.DaReference);
            job.Batch.Blocks.AddRange(sealJob.Batch.Blocks);
            job.Batch.SmtNodes.AddRange(sealJob.Batch.SmtNodes);
            job.Block = sealedBlock;
            job.OnCommitted.Add(() => command.Completion.TrySetResult(sealedBlock));
            job.OnFailed.Add(command.Fail);
        }
        catch (LedgerException e)
        {
            _context.Fail(e);
            foreach (var applied in job.Applied)
            {
                applied.Fail(e);
            }

            command.Completion.TrySetException(e);
            return;
        }

        await FlushAsync(job).ConfigureAwait(false);
    }

    private static LedgerException Invalid(ulong height, int index, string reason) =>
        new(LedgerErrorCodes.BlockInvalid, $"block {height}: transaction {index} is invalid: {reason}");
}
