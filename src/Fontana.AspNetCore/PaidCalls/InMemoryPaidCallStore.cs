namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// The default store: paid calls in this process's memory, at most <c>capacity</c> of them (the oldest leave first).
/// Forgets everything on restart; the provider then refuses replays of payments it settled before
/// (<c>paid_call_not_replayable</c>) rather than run their handlers again. Use SQLite or PostgreSQL to serve them.
/// </summary>
internal sealed class InMemoryPaidCallStore : IPaidCallStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PaidCallRecord> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyByPaymentId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly int _capacity;

    public InMemoryPaidCallStore(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    public ValueTask<PaidCallClaim> ClaimAsync(PaidCallRecord candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        lock (_lock)
        {
            if (_byKey.TryGetValue(candidate.Key, out var existing)
                || (candidate.PaymentId is { } id && _keyByPaymentId.TryGetValue(id, out var key) && _byKey.TryGetValue(key, out existing)))
            {
                return ValueTask.FromResult(new PaidCallClaim(false, existing));
            }

            _byKey[candidate.Key] = candidate;
            if (candidate.PaymentId is { } paymentId)
            {
                _keyByPaymentId[paymentId] = candidate.Key;
            }

            _order.Enqueue(candidate.Key);
            while (_byKey.Count > _capacity && _order.TryDequeue(out var oldest))
            {
                Remove(oldest);
            }

            return ValueTask.FromResult(new PaidCallClaim(true, candidate));
        }
    }

    public ValueTask<PaidCallRecord?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_byKey.GetValueOrDefault(key));
        }
    }

    public ValueTask<bool> TakeOverAsync(string key, long expectedLeaseUntilMs, long leaseUntilMs, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var record) && record.State == PaidCallState.Claimed && record.LeaseUntilMs == expectedLeaseUntilMs)
            {
                _byKey[key] = record with { LeaseUntilMs = leaseUntilMs };
                return ValueTask.FromResult(true);
            }

            return ValueTask.FromResult(false);
        }
    }

    public ValueTask MarkRunningAsync(string key, long leaseUntilMs, CancellationToken cancellationToken)
    {
        Update(key, r => r with { State = PaidCallState.Running, LeaseUntilMs = leaseUntilMs });
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(string key, StoredResponse? response, string? notStoredReason, CancellationToken cancellationToken)
    {
        Update(key, r => r with { State = PaidCallState.Completed, Response = response, NotStoredReason = notStoredReason });
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var record) && record.State == PaidCallState.Claimed)
            {
                Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PruneAsync(long createdBeforeMs, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            while (_order.TryPeek(out var oldest)
                && (!_byKey.TryGetValue(oldest, out var record) || record.CreatedAtMs < createdBeforeMs))
            {
                _order.Dequeue();
                Remove(oldest);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Update(string key, Func<PaidCallRecord, PaidCallRecord> change)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var record))
            {
                _byKey[key] = change(record);
            }
        }
    }

    private void Remove(string key)
    {
        if (_byKey.Remove(key, out var record) && record.PaymentId is { } id)
        {
            _keyByPaymentId.Remove(id);
        }
    }
}
