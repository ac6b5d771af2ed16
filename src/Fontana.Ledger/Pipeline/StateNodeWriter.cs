using System.Threading.Channels;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// Writes state-tree node rows on a thread of its own, in order, each write durable before the next starts (SQLite:
/// a second file, so this runs in parallel with the batch commits). The sequencer queues a block's new nodes (the
/// block's commit waits for them) and, after them, the previous block's stale nodes (which wait for that block's
/// commit). A failure stops the ledger.
/// </summary>
internal sealed class StateNodeWriter
{
    private readonly LedgerContext _context;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private Task? _run;

    public StateNodeWriter(LedgerContext context) => _context = context;

    public void Start() => _run = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Queues <paramref name="rows"/>, written once <paramref name="after"/> (if any) completed; the task completes when they are durable.</summary>
    public Task Enqueue(List<SmtNodeRow> rows, Task? after = null)
    {
        var work = new Work(rows, after);
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
                if (work.After is { } after)
                {
                    await after.ConfigureAwait(false);
                }

                if (_context.Fault is { } fault)
                {
                    work.Done.TrySetException(fault);
                    continue;
                }

                if (work.Rows.Count > 0)
                {
                    await _context.Store.WriteStateNodesAsync(work.Rows, CancellationToken.None).ConfigureAwait(false);
                    _context.Stats.AddNodeRows(work.Rows.Count);
                }

                work.Done.TrySetResult();
            }
            catch (Exception e)
            {
                var reason = _context.Fault ?? new LedgerException(LedgerErrorCodes.StoreFailure, "writing state-tree nodes failed; the ledger stopped (reopen it): " + e.Message, e);
                _context.Fail(reason);
                work.Done.TrySetException(_context.Fault!);
            }
        }
    }

    private sealed class Work(List<SmtNodeRow> rows, Task? after)
    {
        public List<SmtNodeRow> Rows { get; } = rows;

        public Task? After { get; } = after;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
