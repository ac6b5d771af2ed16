using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;

namespace Fontana.Node.Hosting;

/// <summary>Seals the next block every block interval on the injected <see cref="TimeProvider"/>'s timer, empty
/// blocks included. A failed seal is logged and retried at the next tick after the base's backoff.</summary>
public sealed class BlockProducer(NodeLedger node, TimeProvider timeProvider, NodeMetrics metrics, ILogger<BlockProducer> logger)
    : DaemonService("block-producer", logger, timeProvider, metrics)
{
    private PeriodicTimer? _timer;

    /// <inheritdoc/>
    protected override async ValueTask<bool> WaitForNextIterationAsync(CancellationToken cancellationToken)
    {
        if (_timer is null)
        {
            await node.Opened.WaitAsync(cancellationToken);
            _timer = new PeriodicTimer(node.BlockInterval, Time);
            Logger.LogInformation("sealing a block every {Interval}", node.BlockInterval);
        }

        return await _timer.WaitForNextTickAsync(cancellationToken);
    }

    /// <inheritdoc/>
    protected override async Task RunIterationAsync(CancellationToken cancellationToken)
    {
        var block = await node.Ledger.SealAsync(cancellationToken);
        Logger.LogDebug("sealed block {Height} {Hash} with {Count} transactions", block.Height, block.Hash, block.TxIds.Count);
    }

    /// <summary>On a graceful stop, seals once more so every acknowledged transaction is in a block (the DA poster,
    /// which stops after this service, posts it).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (node.IsReady)
        {
            try
            {
                var block = await node.Ledger.SealAsync(cancellationToken);
                Logger.LogInformation("final block {Height} sealed at shutdown", block.Height);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogWarning(ex, "final seal at shutdown failed; pending transactions are sealed at the next start");
            }
        }
    }

    /// <summary>Stops the block timer.</summary>
    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }
}
