using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Ledger;
using Fontana.Node.Api;
using Fontana.Node.Diagnostics;
using Fontana.Node.Options;
using Fontana.Node.Streaming;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Chain;

/// <summary>
/// Owns the node's <see cref="ILedger"/>: opens it when the host starts (store, genesis, keys from
/// <see cref="FontanaNodeOptions"/>), disposes it when the host stops, and forwards its events to the stream hub
/// and the metrics. Until it is open every API call answers 503 <c>not-ready</c>.
/// </summary>
public sealed class NodeLedger : IHostedService, IAsyncDisposable, ITxStatusSource
{
    private readonly FontanaNodeOptions _options;
    private readonly TimeProvider _time;
    private readonly NodeMetrics _metrics;
    private readonly StreamHub _hub;
    private readonly ILogger<NodeLedger> _logger;
    private readonly TaskCompletionSource<ILedger> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<LedgerOptions, CancellationToken, Task<ILedger>> _open;
    private readonly Func<CancellationToken, Task<LedgerOptions>> _createOptions;
    private ILedger? _ledger;
    private ulong? _lastBlockTimestamp;

    /// <summary>The node's ledger holder: opens the ledger from <c>Fontana</c> options at start and publishes its blocks to <paramref name="hub"/>.</summary>
    public NodeLedger(IOptions<FontanaNodeOptions> options, TimeProvider time, NodeMetrics metrics, StreamHub hub, ILogger<NodeLedger> logger)
        : this(options, time, metrics, hub, logger, LedgerOpener.OpenAsync)
    {
    }

    // createOptions: the ledger options (default: store, genesis and keys from the node's options; a follower passes
    // its own, without keys).
    internal NodeLedger(IOptions<FontanaNodeOptions> options, TimeProvider time, NodeMetrics metrics, StreamHub hub, ILogger<NodeLedger> logger,
        Func<LedgerOptions, CancellationToken, Task<ILedger>> open, Func<CancellationToken, Task<LedgerOptions>>? createOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _hub = hub;
        _logger = logger;
        _open = open;
        _createOptions = createOptions ?? (ct => LedgerOptionsFactory.CreateAsync(_options, _time, ct));
    }

    /// <summary>True while the ledger is open and not failed.</summary>
    public bool IsReady => _ledger is { IsFaulted: false };

    /// <summary>The open ledger; throws <see cref="NodeNotReadyException"/> before start or after a fail-stop.</summary>
    public ILedger Ledger => _ledger is { } ledger && !ledger.IsFaulted
        ? ledger
        : throw new NodeNotReadyException(_ledger is null ? "the ledger is not open yet" : "the ledger stopped after a store failure; restart the node");

    /// <summary>Completes when the ledger is open (daemons wait on it).</summary>
    public Task<ILedger> Opened => _opened.Task;

    /// <summary>The block interval in force: <c>Fontana:BlockInterval</c>, else the genesis's.</summary>
    public TimeSpan BlockInterval => _options.BlockInterval ?? Ledger.Genesis.BlockInterval;

    /// <summary>Opens the ledger (store, genesis, state tree); throws when it cannot, so the host does not start half-ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LedgerOptions ledgerOptions;
        try
        {
            ledgerOptions = await _createOptions(cancellationToken);
        }
        catch (Exception ex)
        {
            _opened.TrySetException(ex);
            throw;
        }

        try
        {
            var ledger = await _open(ledgerOptions, cancellationToken);
            ledger.BlockSealed += OnBlockSealed;
            _ledger = ledger;
            _lastBlockTimestamp = ledger.LatestHeader.Timestamp;
            _metrics.BlockSealed(ledger.LatestHeader.Height, 0, null);
            _logger.LogInformation("ledger open: chain {ChainId}, tip {Height} {Hash}, store {Store}",
                ledger.ChainId, ledger.LatestHeader.Height, ledger.LatestHeader.Hash, ledgerOptions.Store);
            _opened.TrySetResult(ledger);
        }
        catch (Exception ex)
        {
            _opened.TrySetException(ex);
            throw;
        }
    }

    /// <summary>Closes the ledger: it takes no more transactions, and later calls see <see cref="NodeNotReadyException"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _ledger, null) is { } ledger)
        {
            ledger.BlockSealed -= OnBlockSealed;
            await ledger.DisposeAsync();
        }

        _opened.TrySetCanceled(CancellationToken.None);
    }

    /// <summary>Stops the ledger as <see cref="StopAsync"/> does.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>A transaction was accepted through the API: tell its subscribers (pending).</summary>
    internal void PublishPending(Fontana.Core.Transactions.Transaction tx)
    {
        if (!_hub.HasTxOrAddressSubscribers)
        {
            return;
        }

        _hub.PublishTxStatus(tx.TxId, "pending");
        foreach (var address in DtoMapper.Addresses(tx))
        {
            _hub.PublishAddressActivity(address, tx.TxId, "pending");
        }
    }

    /// <summary>A block was posted to DA: tell the subscribers of its transactions.</summary>
    internal void PublishPosted(LedgerBlock block, string daReference)
    {
        foreach (var txId in block.TxIds)
        {
            _hub.PublishTxStatus(txId, "posted", block.Height, block.Hash.ToString(), daReference);
        }
    }

    async ValueTask<StreamEventDto?> ITxStatusSource.CurrentStatusAsync(Hash32 txId, CancellationToken cancellationToken)
    {
        if (!IsReady || await Ledger.GetTransactionAsync(txId, cancellationToken) is not { } tx)
        {
            return null;
        }

        return new StreamEventDto("tx", StreamTopics.Tx, txId.ToString(), Status: DtoMapper.Status(tx.Status),
            BlockHeight: tx.Block?.Height, BlockHash: tx.Block?.Hash.ToString(), DaReference: tx.DaReference);
    }

    private void OnBlockSealed(object? sender, BlockSealedEventArgs e)
    {
        var block = e.Block;
        var header = block.Header;
        TimeSpan? interval = _lastBlockTimestamp is { } last && header.Timestamp >= last
            ? TimeSpan.FromMilliseconds(header.Timestamp - last)
            : null;
        _lastBlockTimestamp = header.Timestamp;
        _metrics.BlockSealed(header.Height, block.TxIds.Count, interval);
        _hub.PublishHeader(DtoMapper.Header(header));
        foreach (var txId in block.TxIds)
        {
            _hub.PublishTxStatus(txId, "sealed", header.Height, header.Hash.ToString());
        }

        if (_hub.HasAddressSubscribers && block.TxIds.Count > 0 && sender is ILedger ledger)
        {
            _ = PublishSealedAddressesAsync(ledger, block);
        }
    }

    private async Task PublishSealedAddressesAsync(ILedger ledger, LedgerBlock block)
    {
        try
        {
            if (await ledger.GetFullBlockAsync(block.Height) is not { } full)
            {
                return;
            }

            foreach (var tx in full.Transactions)
            {
                foreach (var address in DtoMapper.Addresses(tx))
                {
                    _hub.PublishAddressActivity(address, tx.TxId, "sealed", block.Height);
                }
            }
        }
        catch (Exception ex) when (ex is LedgerException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug(ex, "address notifications for block {Height} skipped", block.Height);
        }
    }
}
