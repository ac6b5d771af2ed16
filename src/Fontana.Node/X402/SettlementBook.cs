using System.Collections.Concurrent;
using Fontana.Core;
using Fontana.Core.X402;

namespace Fontana.Node.X402;

/// <summary>
/// What the facilitator settled (docs/x402.md "The facilitator's duplicate rule"): per payment transaction, the
/// requirements it was settled for, the client's payment identifier and the answer. The first settlement of a
/// transaction owns its entry while the ledger applies it; later ones wait for it and are then judged against it.
/// Bounded (oldest first) and in memory: after a node restart, a second settlement is refused.
/// </summary>
internal sealed class SettlementBook(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<Hash32, Entry> _entries = new();
    private readonly ConcurrentQueue<Hash32> _order = new();

    /// <summary>
    /// Starts settling <paramref name="txId"/>: returns a new entry owned by the caller (apply, then
    /// <see cref="Entry.Complete"/> or <see cref="Abandon"/>), or the entry of an earlier settlement (owned: false).
    /// </summary>
    public (Entry Entry, bool Owned) Begin(Hash32 txId, string requirementsHash, string? paymentId)
    {
        var candidate = new Entry(requirementsHash, paymentId);
        var entry = _entries.GetOrAdd(txId, candidate);
        if (!ReferenceEquals(entry, candidate))
        {
            return (entry, false);
        }

        _order.Enqueue(txId);
        while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }

        return (candidate, true);
    }

    /// <summary>Forgets an entry whose settlement failed, so the payment can be settled again.</summary>
    public void Abandon(Hash32 txId, Entry entry)
    {
        _entries.TryRemove(new KeyValuePair<Hash32, Entry>(txId, entry));
        entry.Complete(null);
    }

    /// <summary>The successful settlement of <paramref name="txId"/> this node made, or null.</summary>
    public Entry? Find(Hash32 txId) => _entries.TryGetValue(txId, out var entry) && entry.Settled is not null ? entry : null;

    /// <summary>One settlement: its requirements and payment identifier, and (once done) its answer.</summary>
    internal sealed class Entry(string requirementsHash, string? paymentId)
    {
        private readonly TaskCompletionSource<SettlementResponse?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string RequirementsHash { get; } = requirementsHash;

        public string? PaymentId { get; } = paymentId;

        /// <summary>The successful answer, or null while settling or when it failed.</summary>
        public SettlementResponse? Settled => _done.Task.IsCompletedSuccessfully ? _done.Task.Result : null;

        /// <summary>Completes with the successful answer, or null when the settlement failed.</summary>
        public Task<SettlementResponse?> Done => _done.Task;

        public void Complete(SettlementResponse? settled) => _done.TrySetResult(settled);

        /// <summary>True when a later request is the same caller's retry: same payment identifier and same requirements.</summary>
        public bool IsRetryBy(string requirementsHash, string? paymentId) =>
            paymentId is not null
            && string.Equals(PaymentId, paymentId, StringComparison.Ordinal)
            && string.Equals(RequirementsHash, requirementsHash, StringComparison.Ordinal);
    }
}
