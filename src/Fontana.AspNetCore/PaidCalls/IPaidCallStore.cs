namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// Where a provider keeps its paid calls so that one payment runs the handler once (docs/x402.md "Exactly once"):
/// the claim of a challenge by a payment, the request it paid for, and the response it got. The in-memory store is
/// the default; <see cref="PaidCallStoreKind.Sqlite"/> survives restarts and <see cref="PaidCallStoreKind.PostgreSql"/>
/// is shared by several provider instances. Every method may throw when the store is down; the provider then
/// answers 503 <c>paid-call-store-unavailable</c> and runs no handler.
/// </summary>
public interface IPaidCallStore
{
    /// <summary>
    /// Inserts <paramref name="candidate"/> when neither its <see cref="PaidCallRecord.Key"/> nor its
    /// <see cref="PaidCallRecord.PaymentId"/> is taken (the caller then executes the call); otherwise returns the
    /// record that holds one of them, the key's first.
    /// </summary>
    ValueTask<PaidCallClaim> ClaimAsync(PaidCallRecord candidate, CancellationToken cancellationToken);

    /// <summary>The record under <paramref name="key"/>, or null.</summary>
    ValueTask<PaidCallRecord?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Takes over a claim whose owner stopped before settling: true when the record was still
    /// <see cref="PaidCallState.Claimed"/> with lease <paramref name="expectedLeaseUntilMs"/>, now renewed to
    /// <paramref name="leaseUntilMs"/>.
    /// </summary>
    ValueTask<bool> TakeOverAsync(string key, long expectedLeaseUntilMs, long leaseUntilMs, CancellationToken cancellationToken);

    /// <summary>The payment settled and the handler is about to run (it will never run again for this key).</summary>
    ValueTask MarkRunningAsync(string key, long leaseUntilMs, CancellationToken cancellationToken);

    /// <summary>The handler finished: <paramref name="response"/> is what replays get, or null with <paramref name="notStoredReason"/>.</summary>
    ValueTask CompleteAsync(string key, StoredResponse? response, string? notStoredReason, CancellationToken cancellationToken);

    /// <summary>Forgets a claim that was never settled (settlement refused), so the challenge can be paid again.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes records created before <paramref name="createdBeforeMs"/> (unix milliseconds).</summary>
    ValueTask PruneAsync(long createdBeforeMs, CancellationToken cancellationToken);
}
