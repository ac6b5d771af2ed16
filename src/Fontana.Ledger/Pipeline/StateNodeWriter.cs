using System.Threading.Channels;
using Fontana.Core;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// Writes state-tree checkpoints on a thread of its own, in order (SQLite: into the state file, so this runs in
/// parallel with batch commits). A checkpoint for block <c>h</c> is written only after block <c>h</c> is durable,
/// so the stored tree is never ahead of the stored blocks. Checkpoints that queued up while one was being written are
/// merged into one write of the newest (rows in key order). A failure stops the ledger.
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
        var group = new List<Work>();
        while (await _work.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Checkpoints queued while the previous one was written (the writer fell behind, as in a replay that
            // seals a block every few hundred milliseconds) are written as one: only the newest tree reaches the
            // store, and nodes that lived between them are never written.
            group.Clear();
            while (_work.Reader.TryRead(out var work))
            {
                group.Add(work);
            }

            if (group.Count > 0)
            {
                await WriteAsync(group).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteAsync(List<Work> group)
    {
        var newest = group[^1];
        try
        {
            foreach (var work in group)
            {
                await work.After.ConfigureAwait(false);
            }

            if (_context.Fault is { } fault)
            {
                Complete(group, fault);
                return;
            }

            var rows = SmtNodeChanges.MergeSorted(group.ConvertAll(w => (IReadOnlyList<SmtNodeRow>)w.Rows));
            await _context.Store.WriteStateCheckpointAsync(rows, newest.Height, newest.Root, CancellationToken.None).ConfigureAwait(false);
            _context.Stats.AddNodeRows(rows.Count);
            Complete(group, null);
        }
        catch (Exception e)
        {
            var reason = _context.Fault ?? new LedgerException(LedgerErrorCodes.StoreFailure, "writing a state-tree checkpoint failed; the ledger stopped (reopen it): " + e.Message, e);
            _context.Fail(reason);
            Complete(group, _context.Fault!);
        }
    }

    private static void Complete(List<Work> group, Exception? failure)
    {
        foreach (var work in group)
        {
            if (failure is null)
            {
                work.Done.TrySetResult();
            }
            else
            {
                work.Done.TrySetException(failure);
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
