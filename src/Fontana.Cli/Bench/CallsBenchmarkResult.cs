namespace Fontana.Cli.Bench;

/// <summary>The figures of one <c>fontana bench calls</c> run (BRIEF §6), plus lock wait and the paid-minus-unpaid latency.</summary>
internal sealed record CallsBenchmarkResult(
    int Calls,
    int Concurrency,
    string Settlement,
    string Scheme,
    long Claims,
    double PaidPerSecond,
    double UnpaidPerSecond,
    double PaidP50Ms,
    double PaidP99Ms,
    double UnpaidP50Ms,
    double UnpaidP99Ms,
    int Failures,
    long DoubleSpends,
    long Splits,
    long LockWaitedCalls,
    double LockWaitTotalMs,
    double LockWaitMeanMs,
    double SdkOverheadMeanUs,
    string? FirstFailure)
{
    public double AddedP50Ms => PaidP50Ms - UnpaidP50Ms;

    public double AddedP99Ms => PaidP99Ms - UnpaidP99Ms;

    /// <summary>The session scheme's voucher authentication (<c>mac</c> or <c>signature</c>); null for exact.</summary>
    public string? VoucherAuth { get; init; }

    /// <summary>What the whole process (client, provider and node) spent per paid call of the measured phase.</summary>
    public ProcessCost? PaidCost { get; init; }

    /// <summary>Exact scheme: paid calls of the measured phase that paid a challenge handed out with the previous paid
    /// response (one request instead of two; docs/x402.md "One request per call").</summary>
    public long? PrefetchedCalls { get; init; }

    /// <summary>The node's SQLite <c>synchronous</c> mode in this run: <c>full</c> (the default: an fsync per commit
    /// before the paid call is answered) or <c>normal</c> (opt-in, docs/node.md "Durability").</summary>
    public string? LedgerSync { get; init; }

    /// <summary>Untimed calls of each kind (unpaid, then paid) made before the measured phases.</summary>
    public int WarmupCalls { get; init; }

    /// <summary>What the JIT compiled while the paid phase was timed (none once tiered compilation has settled).</summary>
    public JitActivity? PaidJit { get; init; }

    /// <summary>The same per unpaid call.</summary>
    public ProcessCost? UnpaidCost { get; init; }
}
