using System.Collections.Concurrent;
using Fontana.Core;

namespace Fontana.AspNetCore.Payments;

/// <summary>
/// Bounded in-memory map challenge hash → the payment transaction that answered it, so that a retry of the same
/// settled payment is served again without a ledger round trip, and a different transaction for an already-paid
/// challenge is refused before anything is spent. Entries leave when their challenge expires (verification refuses
/// expired challenges anyway) or, past <c>capacity</c>, oldest first; the ledger's own idempotency still serves
/// retries whose entry was evicted.
/// </summary>
internal sealed class SettledPaymentCache
{
    private readonly ConcurrentDictionary<Hash32, Entry> _entries = new();
    private readonly ConcurrentQueue<(Hash32 Key, Entry Entry)> _order = new();
    private readonly int _capacity;
    private int _count;

    public SettledPaymentCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Claims <paramref name="challengeHash"/> for <paramref name="txId"/>. Returns the entry for this transaction
    /// (new, in flight or settled: settle or replay it), or null when another transaction already holds the challenge.
    /// </summary>
    public Entry? Claim(Hash32 challengeHash, Hash32 txId, long expiresAtUnixSeconds, long nowUnixSeconds)
    {
        var candidate = new Entry(txId, expiresAtUnixSeconds);
        var entry = _entries.GetOrAdd(challengeHash, candidate);
        if (ReferenceEquals(entry, candidate))
        {
            Interlocked.Increment(ref _count);
            _order.Enqueue((challengeHash, candidate));
            Trim(nowUnixSeconds);
            return candidate;
        }

        return entry.TxId == txId ? entry : null;
    }

    /// <summary>Forgets a claim whose settlement failed, so the challenge can be paid again.</summary>
    public void Release(Hash32 challengeHash, Entry entry)
    {
        if (entry.Settled is null && _entries.TryRemove(new KeyValuePair<Hash32, Entry>(challengeHash, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void Trim(long nowUnixSeconds)
    {
        while (_order.TryPeek(out var head)
            && (head.Entry.ExpiresAt <= nowUnixSeconds || Volatile.Read(ref _count) > _capacity)
            && _order.TryDequeue(out head))
        {
            if (_entries.TryRemove(new KeyValuePair<Hash32, Entry>(head.Key, head.Entry)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>One claimed challenge; <see cref="Settled"/> is set once the ledger accepted the payment.</summary>
    internal sealed class Entry(Hash32 txId, long expiresAt)
    {
        private SettledPayment? _settled;

        public Hash32 TxId { get; } = txId;

        public long ExpiresAt { get; } = expiresAt;

        public SettledPayment? Settled
        {
            get => Volatile.Read(ref _settled);
            set => Volatile.Write(ref _settled, value);
        }
    }

    /// <summary>What a retry is served: the PAYMENT-RESPONSE header value and the payment for the handler.</summary>
    internal sealed record SettledPayment(string PaymentResponseHeader, FontanaPayment Payment);
}
