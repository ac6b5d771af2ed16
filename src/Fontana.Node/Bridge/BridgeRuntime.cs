using Fontana.Bridge;
using Fontana.Bridge.Deposits;
using Fontana.Bridge.L1;
using Fontana.Bridge.Withdrawals;
using Fontana.Core.Bridge;
using Fontana.Node.Chain;
using Fontana.Node.Options;
using Fontana.Node.Streaming;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Bridge;

/// <summary>
/// What the bridge daemons share, created once from <c>Fontana:Bridge:L1</c>: the L1 clients (one HTTP client, and a
/// gRPC channel to the gas estimator), the
/// vault address and the two durable stores (<c>bridge-deposits.db</c>, <c>bridge-withdrawals.db</c> under the data
/// dir or <c>StoreDir</c>). When the bridge is not configured (<see cref="IsEnabled"/> false) nothing is opened and the
/// status endpoints answer from the ledger alone.
/// </summary>
public sealed class BridgeRuntime : IDisposable
{
    private readonly HttpClient? _http;

    /// <summary>Opens the bridge's L1 client and stores when <c>Fontana:Bridge:L1</c> is configured; otherwise <see cref="IsEnabled"/> is false and nothing is opened.</summary>
    public BridgeRuntime(IOptions<FontanaNodeOptions> options, NodeLedger node, StreamHub hub, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var o = options.Value.Bridge.L1;
        Options = o;
        if (!o.IsEnabled || options.Value.Follower.IsEnabled)
        {
            return; // a follower holds no bridge state: it answers status from its ledger alone
        }

        Vault = CelestiaAddress.Parse(o.VaultAddress!);
        var dir = string.IsNullOrWhiteSpace(o.StoreDir) ? options.Value.ResolvedDataDir : FontanaNodeOptions.ExpandHome(o.StoreDir);
        Directory.CreateDirectory(dir);
        Deposits = new DepositStore(Path.Combine(dir, "bridge-deposits.db"), time);
        Withdrawals = new WithdrawalStore(Path.Combine(dir, "bridge-withdrawals.db"), time);
        var stream = new BridgeStatusStream(hub, o.Confirmations);
        Deposits.Changed += stream.OnDepositChanged;
        Withdrawals.Changed += stream.OnWithdrawalChanged;
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // each call has its own timeout (L1Options.RequestTimeout)
        var client = o.ToClientOptions();
        State = new CelestiaStateClient(_http, client, time);
        Query = new CosmosTxQueryClient(_http, client, time);
        GasEstimator = new CelestiaGasEstimatorClient(client, time);
        var crashPoints = BridgeCrashPoints.FromEnvironment(); // armed only by the SIGKILL crash tests
        Scanner = new DepositScanner(Query, new LedgerDepositMinter(node), Deposits, Vault.Value, o.Confirmations, crashPoints);
        Payer = new WithdrawalPayer(State, Query, Withdrawals,
            new LedgerWithdrawalConfirmer(node, loggers.CreateLogger<LedgerWithdrawalConfirmer>()), Vault.Value, o.MempoolWindowBlocks, crashPoints);
    }

    /// <summary>True when <c>Fontana:Bridge:L1:VaultAddress</c> is set: the daemons run and the stores are open.</summary>
    public bool IsEnabled => Deposits is not null;

    /// <summary>The options in force.</summary>
    public BridgeL1Options Options { get; }

    /// <summary>The vault on L1, when enabled.</summary>
    public CelestiaAddress? Vault { get; }

    internal DepositStore? Deposits { get; }

    internal WithdrawalStore? Withdrawals { get; }

    internal CelestiaStateClient? State { get; }

    internal CosmosTxQueryClient? Query { get; }

    internal CelestiaGasEstimatorClient? GasEstimator { get; }

    internal DepositScanner? Scanner { get; }

    internal WithdrawalPayer? Payer { get; }

    /// <summary>Closes the two stores and the L1 client.</summary>
    public void Dispose()
    {
        Deposits?.Dispose();
        Withdrawals?.Dispose();
        _http?.Dispose();
        GasEstimator?.Dispose();
    }
}
