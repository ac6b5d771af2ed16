using System.Threading.Channels;
using Fontana.Core.Encoding;
using Fontana.Core.Validation;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// Stateless checks on all cores: decode (when given bytes), structure, expiry and the Ed25519 signature. Valid
/// transactions go on to the writer, and so do expired ones that pass every other rule (the writer answers them with
/// the earlier receipt when applied, <c>expired</c> otherwise); invalid ones complete at once with their code. The
/// bounded input queue is the ledger's backpressure.
/// </summary>
internal sealed class VerifierPool
{
    private readonly LedgerContext _context;
    private readonly ChannelWriter<WriterCommand> _writer;
    private readonly Channel<PendingApply> _input;
    private readonly int _workers;
    private Task[] _running = [];

    public VerifierPool(LedgerContext context, ChannelWriter<WriterCommand> writer, int workers, int capacity)
    {
        _context = context;
        _writer = writer;
        _workers = workers;
        _input = Channel.CreateBounded<PendingApply>(new BoundedChannelOptions(capacity)
        {
            SingleReader = workers == 1,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelWriter<PendingApply> Input => _input.Writer;

    public void Start()
    {
        _running = new Task[_workers];
        for (var i = 0; i < _workers; i++)
        {
            _running[i] = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Stops taking new work and waits until everything queued went to the writer (or was rejected).</summary>
    public async Task StopAsync()
    {
        _input.Writer.TryComplete();
        await Task.WhenAll(_running).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _input.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                if (_context.Fault is { } fault)
                {
                    item.Fail(fault);
                }
                else if (VerifyTimed(item) && !_writer.TryWrite(item))
                {
                    item.Fail(new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the ledger is shutting down"));
                }
            }
        }
    }

    private bool VerifyTimed(PendingApply item)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ok = Verify(item);
        _context.Stats.AddVerify(System.Diagnostics.Stopwatch.GetTimestamp() - started);
        return ok;
    }

    /// <summary>True when <paramref name="item"/> passed and goes on; false when it was completed with a rejection.</summary>
    private bool Verify(PendingApply item)
    {
        try
        {
            var tx = item.Transaction;
            if (tx is null)
            {
                if (!TransactionCodec.TryDecode(item.Bytes.Span, out tx, out var error))
                {
                    item.Completion.TrySetResult(ApplyResult.Rejected(default, RejectionCode.FromFormatCode(error.Code), error.Message));
                    return false;
                }

                item.Transaction = tx;
            }
            else if (item.Bytes.IsEmpty)
            {
                item.Bytes = TransactionCodec.Encode(tx);
            }

            var context = new ValidationContext(_context.ChainId, _context.NowUnixMilliseconds() / 1000, _context.Genesis.MinFee);
            var result = TransactionValidator.Validate(tx, context);
            if (result.Code == RejectionCode.Expired)
            {
                // A client retrying after a lost answer must learn its transaction was applied, even past the expiry:
                // check every other rule as of the expiry, and let the writer look the txid up before rejecting.
                item.ExpiredDetail = result.Detail;
                result = TransactionValidator.Validate(tx, context with { NowUnixSeconds = tx.Expiry });
            }

            if (!result.IsValid)
            {
                item.Completion.TrySetResult(ApplyResult.Rejected(tx.TxId, result.Code, result.Detail));
                return false;
            }

            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            item.Completion.TrySetResult(ApplyResult.Rejected(item.TxId, RejectionCode.Malformed, e.Message));
            return false;
        }
    }
}
