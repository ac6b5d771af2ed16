using System.Diagnostics;
using System.Threading.Channels;
using Fontana.DataAvailability;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;
using Polly;

namespace Fontana.Node.Hosting;

/// <summary>
/// Posts sealed blocks to <see cref="IDataAvailability"/> strictly in height order and records each DA reference
/// (block status sealed → posted). Each post runs in the DA layer's Polly retry pipeline (exponential backoff with
/// jitter). From <see cref="DaRetryOptions.AlertAfterAttempts"/> consecutive failed attempts on, the alert is
/// raised: a critical log and <c>fontana_da_alert 1</c>, with the backlog in <c>fontana_da_backlog_blocks</c>.
/// Local state is never rolled back: blocks keep sealing, and posting catches up in order when DA returns.
/// <para>The backlog gauge follows the real number of unposted blocks while a post is being retried (it is recomputed
/// on every failed attempt and every sealed block). Errors that retrying cannot fix — <c>da-too-large</c>,
/// <c>da-fee-too-low</c>, <c>da-corrupt</c> (<see cref="DaErrorCodes.StopsPosting"/>) — stop posting with the alert
/// raised and the code logged, until the operator fixes the cause and restarts the node: nothing is paid twice for
/// the same refusal and nothing is appended after a damaged record.</para>
/// </summary>
public sealed class DaPoster : DaemonService
{
    private const int BatchSize = 64;

    private readonly NodeLedger _node;
    private readonly IDataAvailability _da;
    private readonly DaPosterOptions _options;
    private readonly DaRetryOptions _retry;
    private readonly ResiliencePipeline _pipeline;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _failedAttempts;
    private bool _subscribed;
    private long _postingHeight = -1;
    private volatile string? _stoppedCode;

    /// <summary>The poster of sealed blocks to <paramref name="da"/>, each post wrapped in the keyed retry <paramref name="pipeline"/>; options from <c>Fontana:DaPoster</c> and <c>DataAvailability</c>.</summary>
    public DaPoster(NodeLedger node, IDataAvailability da, [FromKeyedServices(RetryPipelineKey)] ResiliencePipeline pipeline,
        IOptions<FontanaNodeOptions> options, IOptions<DataAvailabilityOptions> daOptions, TimeProvider timeProvider,
        NodeMetrics metrics, ILogger<DaPoster> logger)
        : base("da-poster", logger, timeProvider, metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(daOptions);
        _node = node;
        _da = da;
        _pipeline = pipeline;
        _options = options.Value.DaPoster;
        _retry = daOptions.Value.Retry;
    }

    /// <summary>The key of the DA layer's retry pipeline in DI (registered by <c>AddFontanaDataAvailability</c>).</summary>
    public const string RetryPipelineKey = "fontana-da";

    /// <summary>Consecutive failed DA attempts (0 after a successful post).</summary>
    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    /// <summary>The code that stopped posting (<see cref="DaErrorCodes.StopsPosting"/>), or null while posting runs.</summary>
    public string? StoppedCode => _stoppedCode;

    /// <inheritdoc/>
    protected override TimeSpan MaxBackoff => _options.MaxBackoff;

    /// <inheritdoc/>
    protected override async ValueTask<bool> WaitForNextIterationAsync(CancellationToken cancellationToken)
    {
        if (_stoppedCode is not null)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, Time, cancellationToken);
            return false;
        }

        if (!_subscribed)
        {
            var ledger = await _node.Opened.WaitAsync(cancellationToken);
            ledger.BlockSealed += (_, _) =>
            {
                UpdateBacklog();
                _wake.Writer.TryWrite(true);
            };
            _subscribed = true;
            await CheckLocalLayerAsync(ledger, cancellationToken);
            return _stoppedCode is null; // catch up with whatever was sealed before this start
        }

        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(_options.PollInterval);
        try
        {
            await _wake.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll interval elapsed: look anyway.
        }

        return true;
    }

    /// <inheritdoc/>
    protected override async Task RunIterationAsync(CancellationToken cancellationToken)
    {
        var ledger = _node.Ledger;
        while (true)
        {
            var unposted = await ledger.GetUnpostedBlocksAsync(BatchSize, cancellationToken);
            if (unposted.Count == 0)
            {
                Metrics.SetDaBacklog(0);
                return;
            }

            foreach (var block in unposted)
            {
                Interlocked.Exchange(ref _postingHeight, (long)block.Height);
                Metrics.SetDaBacklog(Backlog(ledger, block.Height));
                await PostAsync(ledger, block, cancellationToken);
            }

            if (unposted.Count < BatchSize)
            {
                Interlocked.Exchange(ref _postingHeight, -1);
                Metrics.SetDaBacklog(0);
                return;
            }
        }
    }

    /// <summary>On a graceful stop, posts what is still unposted (the block producer's final block included),
    /// giving up after a few seconds: the rest is posted at the next start.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_node.IsReady || _stoppedCode is not null)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await RunIterationAsync(limit.Token);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "final DA posting at shutdown did not finish; the backlog is posted at the next start");
        }
    }

    /// <inheritdoc/>
    protected override void OnIterationFailed(Exception exception, int consecutiveFailures)
    {
        var code = (exception as DataAvailabilityException)?.Code ?? exception.GetType().Name;
        if (exception is DataAvailabilityException { Code: var stop } && DaErrorCodes.StopsPosting(stop))
        {
            StopPosting(stop, exception.Message);
            return;
        }

        if (Metrics.DaAlert == 0)
        {
            RaiseAlert(code);
        }
    }

    /// <summary>A torn tail cut at open is counted; a damaged local file stops posting at once (docs/operations.md).</summary>
    private async Task CheckLocalLayerAsync(ILedger ledger, CancellationToken cancellationToken)
    {
        if (_da is not Fontana.DataAvailability.Local.LocalDataAvailability local)
        {
            return;
        }

        if (local.TruncatedBytes > 0)
        {
            Metrics.DaTornTailCut();
        }

        if (local.Corruption is { } corruption)
        {
            var unposted = await ledger.GetUnpostedBlocksAsync(1, cancellationToken);
            var lowest = unposted.Count > 0 ? unposted[0].Height : ledger.LatestHeader.Height + 1;
            Interlocked.Exchange(ref _postingHeight, (long)lowest);
            StopPosting(DaErrorCodes.Corrupt, $"the local DA file {local.Directory} is damaged at {corruption}");
        }
    }

    private void StopPosting(string code, string reason)
    {
        _stoppedCode = code;
        Metrics.SetDaAlert(true);
        UpdateBacklog();
        Logger.LogCritical(
            "DA ALERT: posting to {Layer} stopped ({Code}): {Reason}. Retrying cannot fix this; blocks keep sealing locally "
            + "({Backlog} wait). Fix the cause (docs/operations.md, failure table) and restart the node.",
            _da.Layer, code, reason, Metrics.DaBacklog);
    }

    private void UpdateBacklog()
    {
        var posting = Interlocked.Read(ref _postingHeight);
        if (posting >= 0 && _node.IsReady)
        {
            Metrics.SetDaBacklog(Backlog(_node.Ledger, (ulong)posting));
        }
    }

    private async Task PostAsync(ILedger ledger, LedgerBlock block, CancellationToken cancellationToken)
    {
        var full = await ledger.GetFullBlockAsync(block.Height, cancellationToken)
            ?? throw new LedgerException(LedgerErrorCodes.UnknownBlock, $"block {block.Height} is listed unposted but cannot be read");
        var payload = DaPayload.Encode(full, block.Height == 0 ? ledger.Genesis : null);
        var started = Stopwatch.GetTimestamp();
        var reference = await _pipeline.ExecuteAsync(
            async (state, ct) =>
            {
                try
                {
                    return await state.Da.PostAsync(state.Height, state.Payload, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    state.Poster.AttemptFailed(ex);
                    throw;
                }
            },
            (Da: _da, Height: block.Height, Payload: payload, Poster: this),
            cancellationToken);
        var text = reference.ToString();
        await ledger.MarkPostedAsync(block.Height, text, cancellationToken);
        Metrics.DaPosted(block.Height, Stopwatch.GetElapsedTime(started));
        _node.PublishPosted(block, text);
        if (Interlocked.Exchange(ref _failedAttempts, 0) > 0 && Metrics.DaAlert == 1)
        {
            Metrics.SetDaAlert(false);
            Logger.LogWarning("DA posting recovered at block {Height}; catching up in order", block.Height);
        }
    }

    private void AttemptFailed(Exception exception)
    {
        Metrics.DaFailed();
        UpdateBacklog();
        var attempts = Interlocked.Increment(ref _failedAttempts);
        if (attempts >= _retry.AlertAfterAttempts && Metrics.DaAlert == 0)
        {
            RaiseAlert((exception as DataAvailabilityException)?.Code ?? exception.GetType().Name);
        }
    }

    private void RaiseAlert(string code)
    {
        Metrics.SetDaAlert(true);
        Logger.LogCritical(
            "DA ALERT: posting to {Layer} has failed {Attempts} times in a row ({Code}); {Backlog} sealed blocks wait. "
            + "Blocks keep sealing locally and will be posted in order when DA returns.",
            _da.Layer, FailedAttempts, code, Metrics.DaBacklog);
    }

    private static long Backlog(ILedger ledger, ulong lowestUnposted) =>
        lowestUnposted > ledger.LatestHeader.Height ? 0 : (long)(ledger.LatestHeader.Height - lowestUnposted) + 1;
}
