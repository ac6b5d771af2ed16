using System.Diagnostics.Metrics;
using Fontana.Core.Crypto;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.Sdk.Monitor;

/// <summary>
/// Finishes every payment recorded in a wallet store, in the background: <c>check-for-proofs</c> (final receipts,
/// verified, with an attempt limit → <c>unproven</c>), <c>send-waiting</c> (payments whose outcome is unknown →
/// <c>settled</c> or <c>refused</c> by asking the node) and <c>sync-when-idle</c> (refresh outputs after a quiet spell).
/// A <see cref="FontanaPayer"/> with a <see cref="FontanaPayerOptions.Store"/> runs one (<see cref="FontanaPayer.Monitor"/>);
/// a program that only wants its history finished (e.g. after a crash) can create one over a store and call
/// <see cref="RunOnceAsync"/>.
/// </summary>
public sealed class WalletMonitor : IDisposable
{
    private readonly MonitorMetrics _metrics;
    private readonly MonitorTask[] _tasks;
    private readonly IdleSynchronizer? _idle;

    /// <summary>A monitor over <paramref name="store"/> that asks <paramref name="node"/> (no idle refresh: no payer).</summary>
    /// <param name="store">The wallet store whose payments are finished.</param>
    /// <param name="node">The wallet's node.</param>
    /// <param name="signer">The wallet's key, needed only for <see cref="AbsentPaymentAction.Cancel"/>.</param>
    /// <param name="options">Settings (default: <see cref="WalletMonitorOptions"/>'s defaults).</param>
    /// <param name="timeProvider">The clock (tests pass a fake one).</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="meterFactory">Metrics (meter <c>Fontana.Sdk.Monitor</c>).</param>
    public WalletMonitor(
        WalletStore store, FontanaClient node, PrivateKey? signer = null, WalletMonitorOptions? options = null, TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(store, node, signer, options, timeProvider, loggerFactory, meterFactory, CachedChain(node), null)
    {
    }

    /// <summary>A monitor over <paramref name="store"/> that signs cancels with <paramref name="wallet"/>'s key.</summary>
    public WalletMonitor(
        WalletStore store, FontanaClient node, Wallet.WalletKeyFile wallet, WalletMonitorOptions? options = null, TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(store, node, (wallet ?? throw new ArgumentNullException(nameof(wallet))).PrivateKey, options, timeProvider, loggerFactory, meterFactory, CachedChain(node), null)
    {
    }

    internal WalletMonitor(
        WalletStore store, FontanaClient node, PrivateKey? signer, WalletMonitorOptions? options, TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, Func<CancellationToken, ValueTask<ChainInfo>> chain, FontanaPayer? payer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(node);
        options ??= new WalletMonitorOptions();
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Fontana.Sdk.Monitor");
        _metrics = new MonitorMetrics(meterFactory);
        Proofs = new ProofChecker(store, node, chain, options, time, _metrics, logger);
        Waiting = new WaitingPaymentResolver(store, node, chain, signer, options, time, _metrics, logger);
        if (payer is not null)
        {
            _idle = new IdleSynchronizer(() => payer.IsIdle, () => payer.LastActivity, payer.RefreshAsync, options, time, _metrics, logger);
            _tasks = [Proofs, Waiting, _idle];
        }
        else
        {
            _tasks = [Proofs, Waiting];
        }
    }

    internal ProofChecker Proofs { get; }

    internal WaitingPaymentResolver Waiting { get; }

    internal IdleSynchronizer? Idle => _idle;

    /// <summary>Starts the tasks' periodic loops.</summary>
    public void Start()
    {
        foreach (var task in _tasks)
        {
            task.Start();
        }
    }

    /// <summary>Runs <c>send-waiting</c> then <c>check-for-proofs</c> once now; returns the payments they moved.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var resolved = await Waiting.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        var proven = await Proofs.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        return Math.Max(0, resolved) + Math.Max(0, proven);
    }

    /// <summary>Stops the tasks.</summary>
    public void Dispose()
    {
        foreach (var task in _tasks)
        {
            task.Dispose();
        }

        _metrics.Dispose();
    }

    private static Func<CancellationToken, ValueTask<ChainInfo>> CachedChain(FontanaClient node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ChainInfo? cached = null;
        return async cancellationToken => cached ??= ChainInfo.FromDto(await node.GetInfoAsync(cancellationToken).ConfigureAwait(false));
    }
}
