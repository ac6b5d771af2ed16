using System.Diagnostics.Metrics;

namespace Fontana.Sdk.Diagnostics;

/// <summary>
/// The SDK's instruments on the meter <c>Fontana.Sdk</c> (one per payer), plus plain counters the load tool reads.
/// </summary>
internal sealed class SdkMetrics : IDisposable
{
    public const string MeterName = "Fontana.Sdk";

    private readonly Meter _meter;
    private readonly Counter<long> _payments;
    private readonly Counter<long> _splits;
    private readonly Counter<long> _splitOutputs;
    private readonly Counter<long> _insufficientFunds;
    private readonly Counter<long> _lockTimeouts;
    private readonly Counter<long> _inputSpentRetries;
    private readonly Counter<long> _prefetchRefusals;
    private readonly Histogram<double> _lockWait;
    private readonly Histogram<double> _overhead;
    private long _overheadTicks;
    private long _overheadCount;
    private long _splitCount;
    private long _lockWaitTicks;
    private long _lockWaitCount;
    private long _paymentCount;

    public SdkMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _payments = _meter.CreateCounter<long>("fontana.sdk.payments", "{payment}", "Payments made, by outcome");
        _splits = _meter.CreateCounter<long>("fontana.sdk.splits", "{split}", "Just-in-time split transactions confirmed");
        _splitOutputs = _meter.CreateCounter<long>("fontana.sdk.split.outputs", "{output}", "Outputs created by splits (change excluded)");
        _insufficientFunds = _meter.CreateCounter<long>("fontana.sdk.insufficient_funds", "{call}", "Calls refused for insufficient funds");
        _lockTimeouts = _meter.CreateCounter<long>("fontana.sdk.lock_timeouts", "{call}", "Calls that timed out waiting for an output");
        _inputSpentRetries = _meter.CreateCounter<long>("fontana.sdk.input_spent_retries", "{retry}", "Payments retried after input-spent");
        _prefetchRefusals = _meter.CreateCounter<long>(
            "fontana.sdk.prefetched_challenge_refusals", "{payment}", "Payments of a challenge handed out with a previous paid response that the provider refused before settling (paid again with a fresh one)");
        _lockWait = _meter.CreateHistogram<double>("fontana.sdk.lock_wait", "ms", "Time a call waited for an output");
        _overhead = _meter.CreateHistogram<double>(
            "fontana.sdk.payment.overhead", "us", "CPU-side time the SDK spends on one payment: offer selection, coin, signing, headers, receipt check (lock wait excluded)");
    }

    public long SplitCount => Volatile.Read(ref _splitCount);

    public long PaymentCount => Volatile.Read(ref _paymentCount);

    /// <summary>Total time calls waited for outputs (only calls that had to wait).</summary>
    public TimeSpan TotalLockWait => TimeSpan.FromTicks(Volatile.Read(ref _lockWaitTicks));

    /// <summary>Number of calls that had to wait for an output.</summary>
    public long LockWaitCount => Volatile.Read(ref _lockWaitCount);

    /// <summary>Mean SDK time per payment (lock wait and network excluded).</summary>
    public TimeSpan MeanOverhead
    {
        get
        {
            var count = Volatile.Read(ref _overheadCount);
            return count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Volatile.Read(ref _overheadTicks) / count);
        }
    }

    public void Overhead(TimeSpan elapsed)
    {
        Interlocked.Add(ref _overheadTicks, elapsed.Ticks);
        Interlocked.Increment(ref _overheadCount);
        _overhead.Record(elapsed.TotalMicroseconds);
    }

    public void Payment(string outcome)
    {
        if (outcome == "settled")
        {
            Interlocked.Increment(ref _paymentCount);
        }

        _payments.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Split(int outputs)
    {
        Interlocked.Increment(ref _splitCount);
        _splits.Add(1);
        _splitOutputs.Add(outputs);
    }

    public void InsufficientFunds() => _insufficientFunds.Add(1);

    public void LockTimeout() => _lockTimeouts.Add(1);

    public void InputSpentRetry() => _inputSpentRetries.Add(1);

    public void PrefetchRefused() => _prefetchRefusals.Add(1);

    public void LockWaited(TimeSpan wait)
    {
        Interlocked.Add(ref _lockWaitTicks, wait.Ticks);
        Interlocked.Increment(ref _lockWaitCount);
        _lockWait.Record(wait.TotalMilliseconds);
    }

    public void Dispose() => _meter.Dispose();
}
