using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Fontana.Core.Receipts;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// Commits the writer's batches in order, one database transaction each. Receipts are signed (on all cores, while
/// the previous batch commits) into the rows before the commit, and handed out only after it returns.
/// A failed commit stops the ledger (fail-stop): that job and every later one fail with <c>ledger-unavailable</c>.
/// </summary>
internal sealed class Committer
{
    private const int ParallelSigningThreshold = 64;

    private readonly LedgerContext _context;
    private readonly Channel<CommitJob> _jobs;
    private readonly Action<CommitJob> _onCommitted;
    private readonly Action<LedgerBlock> _onBlock;
    private Task? _run;

    public Committer(LedgerContext context, Action<CommitJob> onCommitted, Action<LedgerBlock> onBlock)
    {
        _context = context;
        _onCommitted = onCommitted;
        _onBlock = onBlock;
        // Two jobs may wait: the writer applies batch n+1 while batch n commits, then waits (its next drain grows).
        // Writers: the writer (transaction batches) and the sequencer (blocks), each in its own order.
        _jobs = Channel.CreateBounded<CommitJob>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = false });
    }

    public ChannelWriter<CommitJob> Jobs => _jobs.Writer;

    /// <summary>Starts signing <paramref name="job"/>'s receipts on the thread pool; the committer awaits it before the commit.</summary>
    public void Prepare(CommitJob job) => job.Prepared = Task.Run(() => PrepareReceipts(job));

    public void Start() => _run = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Waits until every job written before the channel was completed is done.</summary>
    public Task Completion => _run ?? Task.CompletedTask;

    private async Task RunAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await CommitAsync(job).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(CommitJob job)
    {
        if (job.StopWith is { } stop)
        {
            _context.Fail(stop);
        }

        if (_context.Fault is { } fault)
        {
            Fail(job, fault);
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            if (job.Prepared is { } prepared)
            {
                await prepared.ConfigureAwait(false);
            }
            else
            {
                PrepareReceipts(job);
            }

            var signed = Stopwatch.GetTimestamp();
            await _context.Store.CommitAsync(job.Batch, CancellationToken.None).ConfigureAwait(false);
            _context.Stats.AddCommit(signed - started, Stopwatch.GetTimestamp() - signed, job.Applied.Count);
        }
        catch (Exception e)
        {
            var reason = _context.Fault ?? new LedgerException(LedgerErrorCodes.StoreFailure, "a commit failed; the ledger stopped (reopen it): " + e.Message, e);
            _context.Fail(reason);
            Fail(job, _context.Fault!);
            return;
        }

        Complete(job);
    }

    /// <summary>Signs each applied transaction's receipt and adds its row to the batch.</summary>
    private void PrepareReceipts(CommitJob job)
    {
        var applied = job.Applied;
        if (applied.Count == 0)
        {
            return;
        }

        var acceptedAt = job.FixedAcceptedAt ?? _context.NowUnixMilliseconds();
        var key = _context.SequencerKey;
        var rows = new StoredTransaction[applied.Count];
        var chainId = _context.ChainId;
        void SignOne(int i)
        {
            var item = applied[i];
            var tx = item.Transaction!;
            byte[] signature = [];
            if (key is not null)
            {
                var receipt = ProvisionalReceipt.Sign(chainId, tx.TxId, (ulong)item.Seq, acceptedAt, key);
                item.Receipt = receipt;
                signature = receipt.SequencerSignature.ToArray();
            }

            var bytes = MemoryMarshal.TryGetArray(item.Bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : item.Bytes.ToArray();
            rows[i] = new StoredTransaction(tx.TxId, item.Seq, (byte)tx.Kind, bytes, (long)acceptedAt, signature);
        }

        if (applied.Count < ParallelSigningThreshold)
        {
            for (var i = 0; i < applied.Count; i++)
            {
                SignOne(i);
            }
        }
        else
        {
            Parallel.For(0, applied.Count, SignOne);
        }

        job.Batch.Transactions.AddRange(rows);
    }

    private void Complete(CommitJob job)
    {
        _context.Addresses.Apply(job.Batch);
        foreach (var item in job.Applied)
        {
            item.Completion.TrySetResult(item.Receipt is { } receipt
                ? ApplyResult.Accepted(receipt)
                : ApplyResult.Unavailable(item.TxId, "replayed without a sequencer key: no receipt"));
        }

        if (job.Block is { } block)
        {
            _context.LatestHeader = block.Header;
            _onBlock(block);
        }

        foreach (var action in job.OnCommitted)
        {
            action();
        }

        _onCommitted(job);
    }

    private static void Fail(CommitJob job, Exception reason)
    {
        foreach (var item in job.Applied)
        {
            item.Fail(reason);
        }

        foreach (var action in job.OnFailed)
        {
            action(reason);
        }
    }
}
