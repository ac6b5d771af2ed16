using Fontana.Core.Blocks;
using Fontana.Ledger.Blocks;

namespace Fontana.Ledger.Pipeline;

/// <summary>Seal and replay commands on the writer: the writer fixes the block boundary, the sequencer seals.</summary>
internal sealed partial class LedgerWriter
{
    /// <summary>
    /// The header of the last block this writer handed to the sequencer as a replay, while no live seal came after
    /// it: the next replay checks its previous hash against it instead of waiting for the sequencer to finish that
    /// block, so the writer applies block n+1 while the sequencer updates the tree for block n. If block n then fails
    /// its roots, the ledger stops and block n+1 fails with it.
    /// </summary>
    private BlockHeader? _lastReplayed;

    private void Seal(SealCommand command)
    {
        _lastReplayed = null;
        if (_context.SequencerKey is null)
        {
            command.Completion.TrySetException(new LedgerException(LedgerErrorCodes.KeyMissing, "sealing needs the sequencer key (Ledger:SequencerKey)"));
            return;
        }

        var request = new SealRequest(_state.TakePending(), _context.NowUnixMilliseconds(), null, null, null);
        EnqueueSeal(request, command.Completion);
    }

    /// <summary>
    /// Re-applies a block's transactions exactly (same rules, no expiry: the block already fixed acceptance) into one
    /// job, which the sequencer seals with the block's own header after checking the roots. Header problems found
    /// before applying are plain errors; a transaction the rules reject or a root mismatch leaves memory ahead of the
    /// store, so the ledger fails stop; nothing of the block is committed either way.
    /// </summary>
    private async ValueTask ReplayAsync(ReplayCommand command)
    {
        var block = command.Block;
        var header = block.Header;
        var last = _lastReplayed;
        if (last is null)
        {
            await _sequencer.WhenIdleAsync().ConfigureAwait(false);
            last = _sequencer.LastHeader;
        }

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
            command.Completion.TrySetException(BlockSequencer.Mismatch(header, problem));
            return;
        }

        var job = new CommitJob { FixedAcceptedAt = header.Timestamp };
        var prepared = command.Prepared;
        _fixedNowMs = header.Timestamp;
        try
        {
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                var tx = block.Transactions[i];
                var stateless = prepared.Results[i];
                if (!stateless.IsValid)
                {
                    throw Invalid(header.Height, i, stateless.ToString());
                }

                var item = new PendingApply(tx, prepared.Encoded[i]);
                if (!await ApplyAsync(item, job).ConfigureAwait(false))
                {
                    var result = await item.Completion.Task.ConfigureAwait(false);
                    throw Invalid(header.Height, i, result.IsAccepted ? "it was already applied" : $"{result.Code}: {result.Detail}");
                }
            }
        }
        catch (LedgerException e)
        {
            // Memory is now ahead of the store: stop. The stop goes through the sequencer and the committer in order,
            // so blocks handed over before this one still commit; this writer takes nothing more meanwhile.
            _stopped = e;
            EnqueueSeal(new SealRequest(_state.TakePending(), header.Timestamp, header, command.DaReference, job) { Failure = e }, command.Completion);
            return;
        }
        finally
        {
            _fixedNowMs = null;
        }

        var request = new SealRequest(_state.TakePending(), header.Timestamp, header, command.DaReference, job);
        _lastReplayed = header;
        EnqueueSeal(request, command.Completion);
    }

    private static LedgerException Invalid(ulong height, int index, string reason) =>
        new(LedgerErrorCodes.BlockInvalid, $"block {height}: transaction {index} is invalid: {reason}");

    /// <summary>Hands <paramref name="request"/> to the sequencer; its outcome completes the caller's <paramref name="completion"/>.</summary>
    private void EnqueueSeal(SealRequest request, TaskCompletionSource<LedgerBlock> completion)
    {
        _ = request.Completion.Task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    completion.TrySetResult(t.Result);
                }
                else
                {
                    completion.TrySetException(t.Exception!.InnerException!);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _sequencer.Enqueue(request);
    }
}
