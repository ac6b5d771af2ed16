using System.Threading.Channels;
using Fontana.Core;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// Writes state-tree checkpoints on a thread of its own, in order (SQLite: into the state file, so this runs in
/// parallel with batch commits). A checkpoint for block <c>h</c> is written only after block <c>h</c> is durable,
/// so the stored tree is never ahead of the stored blocks. A failure stops the ledger.
/// </summary>
internal sealed class StateNodeWriter
{
    private readonly LedgerContext _context;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private Task? _run;

    public StateNodeWriter(LedgerContext context) => _context = context;

    public void Start() => _run = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Queues a checkpoint, written once <paramref name="after"/> (the block's commit) completed; the task completes when it is durable.</summary>
    public Task Enqueue(List<SmtNodeRow> rows, long height, Hash32 root, Task after)
    {
        var work = new Work(rows, height, root, after);
        if (!_work.Writer.TryWrite(work))
        {
            work.Done.TrySetException(new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the ledger is closed"));
        }

        return work.Done.Task;
    }

    public async Task StopAsync()
    {
        _work.Writer.TryComplete();
        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work.After.ConfigureAwait(false);

                if (_context.Fault is { } fault)
                {
                    work.Done.TrySetException(fault);
                    continue;
                }

                await _context.Store.WriteStateCheckpointAsync(work.Rows, work.Height, work.Root, CancellationToken.None).ConfigureAwait(false);
                _context.Stats.AddNodeRows(work.Rows.Count);

                work.Done.TrySetResult();
            }
            catch (Exception e)
            {
                var reason = _context.Fault ?? new LedgerException(LedgerErrorCodes.StoreFailure, "writing a state-tree checkpoint failed; the ledger stopped (reopen it): " + e.Message, e);
                _context.Fail(reason);
                work.Done.TrySetException(_context.Fault!);
            }
        }
    }

    private sealed class Work(List<SmtNodeRow> rows, long height, Hash32 root, Task after)
    {
        public List<SmtNodeRow> Rows { get; } = rows;

        public long Height { get; } = height;

        public Hash32 Root { get; } = root;

        public Task After { get; } = after;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
