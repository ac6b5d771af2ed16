using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Fontana.Ledger.Blocks;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// The single writer: takes verified transactions and commands in arrival order, applies state transitions against
/// the in-memory UTXO set, and hands each drained batch to the <see cref="Committer"/> as one group commit. A seal or
/// replay command first flushes the current batch, so a block boundary is always a batch boundary.
/// </summary>
internal sealed partial class LedgerWriter
{
    private readonly LedgerContext _context;
    private readonly LedgerState _state;
    private readonly BlockSequencer _sequencer;
    private readonly Channel<WriterCommand> _commands = Channel.CreateUnbounded<WriterCommand>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly ChannelWriter<CommitJob> _commits;
    private readonly Action<CommitJob> _prepare;
    private readonly ConcurrentQueue<CommitJob> _committed = new();
    private Task? _run;

    /// <summary>Set when a replayed block failed its rules: every later command fails with it (the ledger stops once the
    /// committer reaches that block).</summary>
    private Exception? _stopped;

    public LedgerWriter(LedgerContext context, LedgerState state, BlockSequencer sequencer, ChannelWriter<CommitJob> commits, Action<CommitJob> prepare)
    {
        _prepare = prepare;
        _context = context;
        _state = state;
        _sequencer = sequencer;
        _commits = commits;
    }

    public ChannelWriter<WriterCommand> Commands => _commands.Writer;

    public void Start() => _run = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Called by the committer after a job is durable: its in-flight entries can go.</summary>
    public void OnCommitted(CommitJob job) => _committed.Enqueue(job);

    /// <summary>Stops taking commands, finishes what is queued, and waits.</summary>
    public async Task StopAsync()
    {
        _commands.Writer.TryComplete();
        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var reader = _commands.Reader;
        var job = new CommitJob();
        WriterCommand? current = null;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                ReclaimCommitted();
                job = new CommitJob();
                var applied = 0;
                while (applied < _context.MaxBatchSize && reader.TryRead(out var command))
                {
                    current = command;
                    if ((_context.Fault ?? _stopped) is { } fault)
                    {
                        command.Fail(fault);
                        continue;
                    }

                    switch (command)
                    {
                        case PendingApply apply:
                            var started = Stopwatch.GetTimestamp();
                            if (await ApplyAsync(apply, job).ConfigureAwait(false))
                            {
                                applied++;
                            }

                            _context.Stats.AddApply(Stopwatch.GetTimestamp() - started);
                            break;
                        case MarkPostedCommand posted:
                            AddPosted(posted, job);
                            break;
                        case SealCommand seal:
                            await FlushAsync(job).ConfigureAwait(false);
                            job = new CommitJob();
                            applied = 0;
                            Seal(seal);
                            break;
                        case ReplayCommand replay:
                            await FlushAsync(job).ConfigureAwait(false);
                            job = new CommitJob();
                            applied = 0;
                            var replayStarted = Stopwatch.GetTimestamp();
                            await ReplayAsync(replay).ConfigureAwait(false);
                            _context.Stats.AddApply(Stopwatch.GetTimestamp() - replayStarted);
                            break;
                    }

                    current = null;
                }

                await FlushAsync(job).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // A broken invariant or a store read failure inside the writer: stop everything (fail-stop). Whatever
            // was taken but not committed fails, and so does everything that still arrives until the ledger closes.
            _context.Fail(new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the ledger writer failed: " + e.Message, e));
            var fault = _context.Fault!;
            current?.Fail(fault);
            foreach (var applied in job.Applied)
            {
                applied.Fail(fault);
            }

            foreach (var action in job.OnFailed)
            {
                action(fault);
            }

            await foreach (var command in reader.ReadAllAsync().ConfigureAwait(false))
            {
                command.Fail(fault);
            }
        }
        finally
        {
            // The sequencer completes the committer's queue once its own queue is drained.
            await _sequencer.StopAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask FlushAsync(CommitJob job)
    {
        if (job.IsEmpty)
        {
            return;
        }

        if (job.Applied.Count > 0)
        {
            _prepare(job);
        }

        await _commits.WriteAsync(job).ConfigureAwait(false);
    }

    private void AddPosted(MarkPostedCommand posted, CommitJob job)
    {
        if (posted.Height < 0 || (ulong)posted.Height > _state.SealedHeight)
        {
            posted.Completion.TrySetException(new LedgerException(LedgerErrorCodes.UnknownBlock, $"no block at height {posted.Height}"));
            return;
        }

        job.Batch.Posted.Add(new PostedMark(posted.Height, posted.DaReference));
        job.OnCommitted.Add(() => posted.Completion.TrySetResult());
        job.OnFailed.Add(posted.Fail);
    }

    private void ReclaimCommitted()
    {
        while (_committed.TryDequeue(out var job))
        {
            _state.Reclaim(job);
        }
    }
}
