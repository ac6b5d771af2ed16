using System.Threading.Channels;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.DataAvailability;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Hosting;
using Fontana.Node.Options;
using Fontana.Node.Recovery;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Follower;

/// <summary>
/// A follower's sync loop. Each iteration — woken by a header on the sequencer's stream, else every
/// <see cref="FollowerOptions.PollInterval"/> — first pulls the blocks the sequencer has sealed past the follower's tip
/// (<c>/v1/blocks/{h}/raw</c>: low latency, status sealed), then reads DA from where it stopped (blocks from DA carry
/// their DA reference: status posted). Every block goes through <see cref="FollowerChain"/> (signature, equivocation,
/// replay with tx root and state root recomputed). The sequencer being unreachable does not stop DA sync, and DA
/// failing does not stop sequencer sync; when both fail the daemon backs off. The DA position is checkpointed in
/// <c>{DataDir}/follower-checkpoint.json</c> so a restart resumes instead of re-reading DA from the start.
/// </summary>
internal sealed class FollowerSync : DaemonService
{
    /// <summary>The daemon's name in logs and metrics.</summary>
    public const string DaemonName = "follower-sync";

    private const int DaAlertAfterFailures = 5;
    private readonly NodeLedger _node;
    private readonly FollowerChain _chain;
    private readonly FollowerStatus _status;
    private readonly SequencerClient _sequencer;
    private readonly IDataAvailability _da;
    private readonly FollowerOptions _options;
    private readonly string _dataDir;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ulong? _nextDaHeight;
    private int _daFailures;
    private bool _sequencerDown;

    public FollowerSync(NodeLedger node, FollowerChain chain, FollowerStatus status, SequencerClient sequencer, IDataAvailability da,
        IOptions<FontanaNodeOptions> options, TimeProvider timeProvider, NodeMetrics metrics, ILogger<FollowerSync> logger)
        : base(DaemonName, logger, timeProvider, metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _node = node;
        _chain = chain;
        _status = status;
        _sequencer = sequencer;
        _da = da;
        _options = options.Value.Follower;
        _dataDir = options.Value.ResolvedDataDir;
    }

    /// <summary>Asks for an iteration now (a new header was announced).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async ValueTask<bool> WaitForNextIterationAsync(CancellationToken cancellationToken)
    {
        if (_status.Halt is not null)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, Time, cancellationToken);
            return false;
        }

        if (_nextDaHeight is null)
        {
            await _node.Opened.WaitAsync(cancellationToken);
            _nextDaHeight = LoadDaPosition();
            return true;
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

    protected override async Task RunIterationAsync(CancellationToken cancellationToken)
    {
        var sequencerError = await SyncFromSequencerAsync(cancellationToken);
        if (_status.Halt is not null)
        {
            return;
        }

        try
        {
            await SyncFromDaAsync(cancellationToken);
            if (Interlocked.Exchange(ref _daFailures, 0) >= DaAlertAfterFailures)
            {
                Metrics.SetDaAlert(raised: false);
                Logger.LogInformation("follower: DA reads work again");
            }
        }
        catch (DataAvailabilityException ex)
        {
            var failures = Interlocked.Increment(ref _daFailures);
            Logger.LogWarning("follower: reading DA from height {DaHeight} failed ({Code}, {Failures} in a row): {Message}", _nextDaHeight, ex.Code, failures, ex.Message);
            if (failures == DaAlertAfterFailures)
            {
                Metrics.SetDaAlert(raised: true);
                Logger.LogCritical("follower ALERT: DA reads keep failing ({Code}); blocks now come from the sequencer alone", ex.Code);
            }

            if (sequencerError is not null)
            {
                throw new AggregateException("both the sequencer and DA are failing", sequencerError, ex);
            }
        }
    }

    /// <summary>Applies the sequencer's blocks past the tip; returns the failure (already logged) or null.</summary>
    private async Task<Exception?> SyncFromSequencerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var tip = await _sequencer.GetTipAsync(cancellationToken);
            _status.SawSequencerTip(tip.Height);
            await _chain.CheckHeaderAsync(tip, "sequencer", cancellationToken);
            await FillFromSequencerAsync(tip.Height, cancellationToken);
            if (_sequencerDown)
            {
                _sequencerDown = false;
                Logger.LogInformation("follower: the sequencer at {Url} answers again", _sequencer.BaseAddress);
            }

            return null;
        }
        catch (SequencerUnavailableException ex)
        {
            if (!_sequencerDown)
            {
                _sequencerDown = true;
                Logger.LogWarning("follower: {Message}; syncing from DA alone until it answers", ex.Message);
            }

            return ex;
        }
    }

    /// <summary>Fetches and applies blocks tip+1 … <paramref name="toHeight"/> from the sequencer.</summary>
    private async Task FillFromSequencerAsync(ulong toHeight, CancellationToken cancellationToken)
    {
        for (var height = _chain.Tip.Height + 1; height <= toHeight && _status.Halt is null; height++)
        {
            var payload = await _sequencer.GetPayloadAsync(height, cancellationToken)
                ?? throw new SequencerUnavailableException($"the sequencer announced block {toHeight} but has no block {height}");
            if (!BlockCodec.TryDecode(payload, out var block) || block.Height != height)
            {
                throw new SequencerUnavailableException($"the sequencer's payload for block {height} is not that block");
            }

            if (await _chain.AcceptAsync(block, null, "sequencer", cancellationToken) != FollowerChain.Applied)
            {
                return;
            }
        }
    }

    private async Task SyncFromDaAsync(CancellationToken cancellationToken)
    {
        var from = _nextDaHeight!.Value;
        var head = await _da.GetHeadAsync(cancellationToken);
        if (from > head)
        {
            return;
        }

        var next = from;
        try
        {
            await foreach (var daBlock in _da.ReadFromAsync(from, head, cancellationToken))
            {
                if (!TryDecode(daBlock, out var block))
                {
                    next = ChainRecovery.LastDaHeight(daBlock.Reference);
                    continue;
                }

                var reference = daBlock.Reference.ToString();
                var outcome = await _chain.AcceptAsync(block, reference, "da", cancellationToken);
                if (outcome == FollowerChain.Ahead && !_sequencerDown)
                {
                    // DA is ahead of the tip (a follower that starts mid-chain): the sequencer fills the gap.
                    await FillFromSequencerAsync(block.Height - 1, cancellationToken);
                    outcome = await _chain.AcceptAsync(block, reference, "da", cancellationToken);
                }

                if (outcome is FollowerChain.Ahead or FollowerChain.Halted)
                {
                    Logger.LogDebug("follower: DA block {Height} at DA height {DaHeight} is {Outcome}; DA sync waits", block.Height, daBlock.Reference.Height, outcome);
                    break;
                }

                next = ChainRecovery.LastDaHeight(daBlock.Reference);
            }
        }
        catch (SequencerUnavailableException ex)
        {
            Logger.LogDebug("follower: filling a gap before DA block failed: {Message}", ex.Message);
        }
        finally
        {
            if (next != _nextDaHeight)
            {
                _nextDaHeight = next;
                SaveDaPosition(next);
            }
        }
    }

    private bool TryDecode(DaBlock daBlock, out Block block)
    {
        try
        {
            block = DaPayload.Decode(daBlock.Bytes.Span).Block;
            return true;
        }
        catch (Exception ex) when (ex is FontanaFormatException or LedgerException)
        {
            // Anyone may write to a Celestia namespace: a blob that is not a Fontana block is not this chain's.
            Logger.LogWarning("follower: DA height {DaHeight} holds a blob that is not a Fontana block ({Message}); ignored", daBlock.Reference.Height, ex.Message);
            block = null!;
            return false;
        }
    }

    private ulong LoadDaPosition()
    {
        var ledger = _node.Ledger;
        try
        {
            if (RecoveryCheckpoint.TryLoad(_dataDir, RecoveryCheckpoint.FollowerFileName) is { } saved && saved.ChainId == ledger.ChainId
                && saved.Height <= ledger.LatestHeader.Height)
            {
                return Math.Max(saved.NextDaHeight, _options.DaStartHeight);
            }
        }
        catch (RecoveryException ex)
        {
            Logger.LogWarning("follower: {Message}; reading DA from height {DaHeight}", ex.Message, _options.DaStartHeight);
        }

        return _options.DaStartHeight;
    }

    private void SaveDaPosition(ulong nextDaHeight)
    {
        var tip = _node.Ledger.LatestHeader;
        new RecoveryCheckpoint(_node.Ledger.ChainId, tip.Height, tip.Hash.ToString(), nextDaHeight).Save(_dataDir, RecoveryCheckpoint.FollowerFileName);
    }
}
