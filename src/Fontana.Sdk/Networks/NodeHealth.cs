namespace Fontana.Sdk.Networks;

/// <summary>
/// A node's measured health: success rate and latency as exponentially decayed averages (each sample weighs
/// 1 − 2^(−Δt / half-life) against the past, so old results fade and an unused node drifts back to a neutral score).
/// Thread-safe.
/// </summary>
public sealed class NodeHealth
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _halfLifeTicks;
    private double _success = 1.0;
    private double _latencyMs = double.NaN;
    private long _lastSample;
    private long _successes;
    private long _failures;

    internal NodeHealth(TimeProvider time, TimeSpan halfLife)
    {
        _time = time;
        _halfLifeTicks = Math.Max(1, halfLife.Ticks);
        _lastSample = time.GetTimestamp();
    }

    /// <summary>Decayed share of successful calls, 0–1 (1 before any call).</summary>
    public double SuccessRate
    {
        get
        {
            lock (_gate)
            {
                // Toward neutral (1) with time since the last sample.
                var keep = Math.Pow(0.5, Elapsed() / _halfLifeTicks);
                return 1.0 - ((1.0 - _success) * keep);
            }
        }
    }

    /// <summary>Decayed mean latency of successful calls in milliseconds (NaN before the first).</summary>
    public double LatencyMs
    {
        get
        {
            lock (_gate)
            {
                return _latencyMs;
            }
        }
    }

    /// <summary>Successful calls so far.</summary>
    public long Successes => Interlocked.Read(ref _successes);

    /// <summary>Failed calls so far.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    internal void Record(bool success, TimeSpan latency)
    {
        Interlocked.Increment(ref success ? ref _successes : ref _failures);
        lock (_gate)
        {
            var elapsed = Elapsed();
            var weight = Math.Clamp(1.0 - Math.Pow(0.5, elapsed / _halfLifeTicks), 0.05, 1.0);
            _success = (_success * (1 - weight)) + ((success ? 1.0 : 0.0) * weight);
            if (success)
            {
                var ms = latency.TotalMilliseconds;
                _latencyMs = double.IsNaN(_latencyMs) ? ms : (_latencyMs * (1 - weight)) + (ms * weight);
            }

            _lastSample = _time.GetTimestamp();
        }
    }

    private double Elapsed() => _time.GetElapsedTime(_lastSample).Ticks;
}
