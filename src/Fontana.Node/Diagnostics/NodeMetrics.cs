using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Fontana.Node.Diagnostics;

/// <summary>
/// The node's instruments, in the <c>Fontana.Node</c> meter. Names are already Prometheus-shaped
/// (<c>fontana_…</c>) so the text exporter prints them as they are. Gauges read state the services set here.
/// </summary>
public sealed class NodeMetrics
{
    /// <summary>The meter's name (subscribe to it with a <see cref="MeterListener"/> or an exporter).</summary>
    public const string MeterName = "Fontana.Node";

    private readonly ConcurrentDictionary<string, long> _heartbeats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _daemonAlerts = new(StringComparer.Ordinal);
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _applySeconds;
    private readonly Counter<long> _blocksSealed;
    private readonly Histogram<double> _blockIntervalSeconds;
    private readonly Histogram<long> _blockTransactions;
    private readonly Histogram<double> _daPostSeconds;
    private readonly Counter<long> _daFailures;
    private readonly Counter<long> _daTornTailCuts;
    private readonly Counter<long> _followerBlocks;
    private int _equivocation;
    private readonly Counter<long> _daPosted;
    private readonly Counter<long> _daemonFailures;
    private readonly Counter<long> _streamDropped;
    private readonly UpDownCounter<long> _streamConnections;
    private long _tipHeight = -1;
    private long _lastPostedHeight = -1;
    private long _daBacklog;
    private int _daAlert;

    // Bucket boundaries in the instruments' own units (the exporter's default buckets suit milliseconds).
    private static readonly double[] LatencySecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    private static readonly double[] IntervalSecondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 8, 12, 30, 60, 120, 300];
    private static readonly long[] BlockTransactionBuckets = [0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>Creates the node's meter and its <c>fontana_…</c> instruments from <paramref name="meterFactory"/>.</summary>
    public NodeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _submitted = Meter.CreateCounter<long>("fontana_tx_submitted_total", description: "Transactions submitted to the API, by result (accepted | rejected).");
        _rejections = Meter.CreateCounter<long>("fontana_tx_rejections_total", description: "Rejected transactions by rejection code.");
        _applySeconds = Meter.CreateHistogram<double>("fontana_tx_apply_seconds", unit: "s", description: "Submit-to-durable-receipt latency.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencySecondsBuckets });
        _blocksSealed = Meter.CreateCounter<long>("fontana_blocks_sealed_total", description: "Blocks sealed by this node.");
        _blockIntervalSeconds = Meter.CreateHistogram<double>("fontana_block_interval_seconds", unit: "s", description: "Time between two sealed blocks.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = IntervalSecondsBuckets });
        _blockTransactions = Meter.CreateHistogram<long>("fontana_block_transactions", unit: null, description: "Transactions per sealed block.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BlockTransactionBuckets });
        _daPostSeconds = Meter.CreateHistogram<double>("fontana_da_post_seconds", unit: "s", description: "Latency of one successful DA post (retries included).", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = IntervalSecondsBuckets });
        _daFailures = Meter.CreateCounter<long>("fontana_da_failures_total", description: "Failed DA post attempts.");
        _daPosted = Meter.CreateCounter<long>("fontana_da_posted_blocks_total", description: "Blocks posted to DA.");
        _daTornTailCuts = Meter.CreateCounter<long>("fontana_da_local_torn_tail_cuts_total", description: "Torn last records cut off the local DA file at open (a crash mid-append).");
        _followerBlocks = Meter.CreateCounter<long>("fontana_follower_blocks_applied_total", description: "Blocks a follower verified and applied, by source (da | sequencer).");
        Meter.CreateObservableGauge("fontana_follower_equivocation", () => Volatile.Read(ref _equivocation), description: "1 once a follower saw two different sequencer-signed blocks at one height; it stops syncing.");
        _daemonFailures = Meter.CreateCounter<long>("fontana_daemon_failures_total", description: "Failed iterations of a background service, by daemon.");
        _streamDropped = Meter.CreateCounter<long>("fontana_stream_dropped_clients_total", description: "WebSocket clients closed because their buffer filled.");
        _streamConnections = Meter.CreateUpDownCounter<long>("fontana_stream_connections", description: "Open /v1/stream connections.");
        Meter.CreateObservableGauge("fontana_block_height", () => Interlocked.Read(ref _tipHeight), description: "Height of the latest sealed block.");
        Meter.CreateObservableGauge("fontana_da_posted_height", () => Interlocked.Read(ref _lastPostedHeight), description: "Height of the latest block posted to DA.");
        Meter.CreateObservableGauge("fontana_da_backlog_blocks", () => Interlocked.Read(ref _daBacklog), description: "Sealed blocks waiting to be posted to DA.");
        Meter.CreateObservableGauge("fontana_da_alert", () => Volatile.Read(ref _daAlert), description: "1 while DA posting is failing persistently, else 0.");
        Meter.CreateObservableGauge("fontana_daemon_alert", ObserveDaemonAlerts, description: "1 while a background service (block producer, DA poster, bridge daemons) keeps failing, else 0; by daemon.");
        Meter.CreateObservableGauge("fontana_daemon_heartbeat_timestamp_seconds", ObserveHeartbeats, unit: "s", description: "Unix time of each background service's last successful iteration.");
    }

    /// <summary>The <c>Fontana.Node</c> meter.</summary>
    public Meter Meter { get; }

    /// <summary>1 while the DA alert is raised.</summary>
    public int DaAlert => Volatile.Read(ref _daAlert);

    /// <summary>Blocks waiting for DA, as last reported by the poster.</summary>
    public long DaBacklog => Interlocked.Read(ref _daBacklog);

    /// <summary>Counts an accepted transaction and records its submit-to-receipt <paramref name="latency"/> (<c>fontana_tx_apply_seconds</c>).</summary>
    public void TransactionAccepted(TimeSpan latency)
    {
        _submitted.Add(1, new KeyValuePair<string, object?>("result", "accepted"));
        _applySeconds.Record(latency.TotalSeconds);
    }

    /// <summary>Counts a rejected transaction by its rejection <paramref name="code"/> (<c>fontana_tx_rejections_total</c>).</summary>
    public void TransactionRejected(string code)
    {
        _submitted.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
        _rejections.Add(1, new KeyValuePair<string, object?>("code", code));
    }

    /// <summary>Counts a sealed block at <paramref name="height"/>: its number of transactions and the time since the previous block (null for the first).</summary>
    public void BlockSealed(ulong height, int transactions, TimeSpan? sinceLastBlock)
    {
        _blocksSealed.Add(1);
        _blockTransactions.Record(transactions);
        if (sinceLastBlock is { } interval)
        {
            _blockIntervalSeconds.Record(interval.TotalSeconds);
        }

        Interlocked.Exchange(ref _tipHeight, (long)height);
    }

    /// <summary>Counts a block posted to DA at <paramref name="height"/> and the post's <paramref name="latency"/>, retries included.</summary>
    public void DaPosted(ulong height, TimeSpan latency)
    {
        _daPosted.Add(1);
        _daPostSeconds.Record(latency.TotalSeconds);
        Interlocked.Exchange(ref _lastPostedHeight, (long)height);
    }

    /// <summary>Counts one failed DA post attempt (<c>fontana_da_failures_total</c>).</summary>
    public void DaFailed() => _daFailures.Add(1);

    /// <summary>The local DA layer cut a torn last record at open.</summary>
    public void DaTornTailCut() => _daTornTailCuts.Add(1);

    /// <summary>A follower applied a verified block from <paramref name="source"/> (<c>da</c> or <c>sequencer</c>).</summary>
    public void FollowerBlockApplied(string source) => _followerBlocks.Add(1, new KeyValuePair<string, object?>("source", source));

    /// <summary>1 once the follower detected equivocation.</summary>
    public int Equivocation => Volatile.Read(ref _equivocation);

    /// <summary>Raises the equivocation gauge (it never falls back: the follower stops).</summary>
    public void SetEquivocation() => Volatile.Write(ref _equivocation, 1);

    /// <summary>Sets <c>fontana_da_backlog_blocks</c>: sealed blocks waiting for DA.</summary>
    public void SetDaBacklog(long blocks) => Interlocked.Exchange(ref _daBacklog, blocks);

    /// <summary>Sets <c>fontana_da_alert</c> to 1 while DA posting keeps failing, 0 otherwise.</summary>
    public void SetDaAlert(bool raised) => Volatile.Write(ref _daAlert, raised ? 1 : 0);

    /// <summary>Records <paramref name="daemon"/>'s last successful iteration at <paramref name="at"/> (<c>fontana_daemon_heartbeat_timestamp_seconds</c>).</summary>
    public void Heartbeat(string daemon, DateTimeOffset at) => _heartbeats[daemon] = at.ToUnixTimeSeconds();

    /// <summary>Raises or clears a daemon's alert (<c>fontana_daemon_alert{daemon}</c>).</summary>
    public void SetDaemonAlert(string daemon, bool raised) => _daemonAlerts[daemon] = raised ? 1 : 0;

    /// <summary>1 while <paramref name="daemon"/>'s alert is raised.</summary>
    public int DaemonAlert(string daemon) => _daemonAlerts.GetValueOrDefault(daemon);

    /// <summary>Counts a failed iteration of <paramref name="daemon"/> (<c>fontana_daemon_failures_total</c>).</summary>
    public void DaemonFailed(string daemon) => _daemonFailures.Add(1, new KeyValuePair<string, object?>("daemon", daemon));

    /// <summary>One more open <c>/v1/stream</c> connection.</summary>
    public void StreamConnected() => _streamConnections.Add(1);

    /// <summary>One fewer open <c>/v1/stream</c> connection.</summary>
    public void StreamDisconnected() => _streamConnections.Add(-1);

    /// <summary>Counts a stream client closed because its send buffer filled (<c>fontana_stream_dropped_clients_total</c>).</summary>
    public void StreamClientDropped() => _streamDropped.Add(1);

    private IEnumerable<Measurement<int>> ObserveDaemonAlerts()
    {
        foreach (var (daemon, raised) in _daemonAlerts)
        {
            yield return new Measurement<int>(raised, new KeyValuePair<string, object?>("daemon", daemon));
        }
    }

    private IEnumerable<Measurement<long>> ObserveHeartbeats()
    {
        foreach (var (daemon, unixSeconds) in _heartbeats)
        {
            yield return new Measurement<long>(unixSeconds, new KeyValuePair<string, object?>("daemon", daemon));
        }
    }
}
