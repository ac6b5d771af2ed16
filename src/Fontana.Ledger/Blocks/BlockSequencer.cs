using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Ledger.Pipeline;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Blocks;

/// <summary>
/// Seals blocks, in order, on its own thread: the writer decides the boundary (it takes the pending block at the seal
/// command, after flushing the batch before it) and goes on applying, while the sequencer computes the tx root over
/// the txids in sequence order, updates the state tree with the block's net UTXO changes, signs the header
/// (timestamp from the clock at the seal command, never before the previous block's) and hands the block row to the
/// committer. The block's transactions were handed over earlier, so they are committed before (or, on replay, with)
/// the block. Every <c>StateCheckpointInterval</c> blocks the difference between the stored tree and the tree in
/// memory goes to the <see cref="StateNodeWriter"/>, to be written once that block is durable.
/// </summary>
internal sealed class BlockSequencer
{
    private readonly LedgerContext _context;
    private readonly ChannelWriter<CommitJob> _commits;
    private readonly Action<CommitJob> _prepare;
    private readonly Channel<SealRequest> _requests = Channel.CreateUnbounded<SealRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly StateNodeWriter _nodes;
    private readonly int _checkpointInterval;
    private BlockHeader _lastHeader;

    /// <summary>
    /// Replayed blocks reach a checkpoint at the interval only if this long has passed since the last one (a checkpoint
    /// skipped is owed and written at close): followers replaying a block every few seconds checkpoint every couple of
    /// minutes, a recovery replaying hundreds of blocks a minute writes the tree a few times instead of every interval.
    /// </summary>
    internal static readonly TimeSpan ReplayCheckpointSpacing = TimeSpan.FromSeconds(120);

    private long _lastCheckpointAt = Stopwatch.GetTimestamp();
    private bool _checkpointOwed;
    private (BlockHeader Header, Task Durable)? _lastSealed;

    /// <summary>Set when a seal failed: every later request fails the same way (in commit order, like the first).</summary>
    private Exception? _failed;
    private Task? _run;

    public BlockSequencer(
        LedgerContext context,
        StateTree tree,
        BlockHeader lastHeader,
        ChannelWriter<CommitJob> commits,
        Action<CommitJob> prepare,
        StateNodeWriter nodes,
        int checkpointInterval)
    {
        _context = context;
        _nodes = nodes;
        _checkpointInterval = checkpointInterval;
        Tree = tree;
        _lastHeader = lastHeader;
        _commits = commits;
        _prepare = prepare;
    }

    public StateTree Tree { get; }

    /// <summary>The last header sealed (possibly not yet committed). Read it only after <see cref="WhenIdleAsync"/>.</summary>
    public BlockHeader LastHeader => Volatile.Read(ref _lastHeader);

    public void Start() => _run = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    public void Enqueue(SealRequest request)
    {
        if (!_requests.Writer.TryWrite(request))
        {
            request.Completion.TrySetException(new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the ledger is closed"));
        }
    }

    /// <summary>Completes when every request enqueued so far has been handed to the committer.</summary>
    public Task WhenIdleAsync()
    {
        var barrier = new SealRequest(new PendingBlock(0), 0, null, null, null) { IsBarrier = true };
        Enqueue(barrier);
        return barrier.Completion.Task;
    }

    /// <summary>No more requests: finishes the queued ones, then completes the committer's queue.</summary>
    public async Task StopAsync()
    {
        _requests.Writer.TryComplete();
        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }
    }

    internal static LedgerException Mismatch(BlockHeader header, string reason) =>
        new(LedgerErrorCodes.BlockMismatch, $"block {header.Height}: {reason}");

    private async Task RunAsync()
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (request.IsBarrier)
                {
                    request.Completion.TrySetResult(null!);
                    continue;
                }

                if ((_context.Fault ?? _failed) is { } fault)
                {
                    await FailInOrderAsync(request, fault).ConfigureAwait(false);
                    continue;
                }

                if (request.Failure is { } invalid)
                {
                    _failed = invalid;
                    await FailInOrderAsync(request, invalid).ConfigureAwait(false);
                    continue;
                }

                CommitJob job;
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    job = Seal(request);
                    _context.Stats.AddSeal(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e)
                {
                    // The tree and the writer's memory are now ahead of the store: stop (reopening reloads the store).
                    // The stop takes effect in commit order, so blocks sealed before this one still commit.
                    _failed = e as LedgerException ?? new LedgerException(LedgerErrorCodes.LedgerUnavailable, "sealing failed: " + e.Message, e);
                    await FailInOrderAsync(request, _failed).ConfigureAwait(false);
                    continue;
                }

                if (job.Applied.Count > 0)
                {
                    _prepare(job);
                }

                await _commits.WriteAsync(job).ConfigureAwait(false);
            }
        }
        finally
        {
            // A replay owes the checkpoint it skipped: write the tree of the last block once that block is durable,
            // so a recovered store opens from its own tree instead of re-deriving it from the blocks.
            if (_checkpointOwed && _context.Fault is null && _failed is null && _lastSealed is { } last)
            {
                Checkpoint(last.Header, last.Durable);
            }

            _commits.TryComplete();
        }
    }

    private CommitJob Seal(SealRequest request)
    {
        var pending = request.Block;
        var txRoot = MerkleTree.ComputeRoot(CollectionsMarshal.AsSpan(pending.TxIds));
        var (stateRoot, _) = Tree.Apply(pending.ToStateChanges());
        var last = _lastHeader;
        BlockHeader header;
        if (request.Given is { } given)
        {
            if (txRoot != given.TxRoot)
            {
                throw Mismatch(given, $"tx root is {txRoot}, the header says {given.TxRoot}");
            }

            if (stateRoot != given.StateRoot)
            {
                throw Mismatch(given, $"state root after its transactions is {stateRoot}, the header says {given.StateRoot}");
            }

            header = given;
        }
        else
        {
            var key = _context.SequencerKey
                ?? throw new LedgerException(LedgerErrorCodes.KeyMissing, "sealing needs the sequencer key (Ledger:SequencerKey)");
            header = new BlockHeader(
                BlockHeader.CurrentVersion,
                _context.ChainId,
                last.Height + 1,
                last.Hash,
                Math.Max(request.Timestamp, last.Timestamp),
                (uint)pending.TxIds.Count,
                txRoot,
                stateRoot).Sign(key);
        }

        var status = request.DaReference is null ? BlockStatus.Sealed : BlockStatus.Posted;
        var block = new LedgerBlock(header, pending.TxIds, status, request.DaReference);
        var job = request.Job ?? new CommitJob();
        job.Block = block;
        job.Batch.Blocks.Add(new StoredBlock(
            (long)header.Height,
            header.Hash,
            BlockHeaderCodec.Encode(header),
            pending.FirstSeq,
            pending.TxIds.Count,
            request.DaReference is null ? StoredBlockStatus.Sealed : StoredBlockStatus.Posted,
            request.DaReference));
        job.OnCommitted.Add(() => request.Completion.TrySetResult(block));
        job.OnFailed.Add(e => request.Completion.TrySetException(SealCommand.Unavailable(e)));
        Volatile.Write(ref _lastHeader, header);
        _lastSealed = (header, request.Completion.Task);
        if (header.Height % (ulong)_checkpointInterval == 0)
        {
            if (request.Given is not null && Stopwatch.GetElapsedTime(_lastCheckpointAt) < ReplayCheckpointSpacing)
            {
                // A replay seals a block every few hundred milliseconds: writing the tree's difference every
                // interval rewrote most of the node table again and again (11.5 M rows for a 1M-payment replay).
                _checkpointOwed = true;
            }
            else
            {
                Checkpoint(header, request.Completion.Task);
            }
        }

        return job;
    }

    /// <summary>The stored tree moves to <paramref name="header"/>'s tree once that block is durable.</summary>
    private void Checkpoint(BlockHeader header, Task durable)
    {
        _ = _nodes.Enqueue(Tree.TakeCheckpointRows(), (long)header.Height, header.StateRoot, durable);
        _lastCheckpointAt = Stopwatch.GetTimestamp();
        _checkpointOwed = false;
    }

    /// <summary>
    /// Fails <paramref name="request"/> through the committer, behind the jobs already handed to it: the committer
    /// stops the ledger with <paramref name="reason"/> when it reaches this job (unless it already stopped), then fails
    /// the request and its transactions. So a block sealed before a failing one (replay keeps several in flight) is
    /// still committed, and the ledger reports itself faulted by the time the failing block's caller hears of it.
    /// </summary>
    private async Task FailInOrderAsync(SealRequest request, Exception reason)
    {
        var job = request.Job ?? new CommitJob();
        job.Block = null;
        job.StopWith = reason;
        job.OnFailed.Add(e => request.Completion.TrySetException(e is LedgerException ? e : SealCommand.Unavailable(e)));
        await _commits.WriteAsync(job).ConfigureAwait(false);
    }
}
