namespace Fontana.AspNetCore.PaidCalls;

/// <summary>One paid call as the store keeps it.</summary>
/// <param name="Key">The challenge the payment answers (its hash, hex): what one payment buys.</param>
/// <param name="PaymentId">The payer-scoped x402 <c>payment-identifier</c> (<c>&lt;payer&gt;:&lt;id&gt;</c>), when the client sent one.</param>
/// <param name="TxId">The payment transaction.</param>
/// <param name="Fingerprint">The request it paid for: method, path and query, body hash (<see cref="RequestFingerprint"/>).</param>
/// <param name="State">Where the call is.</param>
/// <param name="LeaseUntilMs">Until when (unix ms) the executing instance owns a claimed or running call.</param>
/// <param name="CreatedAtMs">When the call was claimed (unix ms); records are pruned after the retention.</param>
public sealed record PaidCallRecord(
    string Key, string? PaymentId, string TxId, string Fingerprint, PaidCallState State, long LeaseUntilMs, long CreatedAtMs)
{
    /// <summary>The stored response of a completed call, when it was stored.</summary>
    public StoredResponse? Response { get; init; }

    /// <summary>Why a completed call's response was not stored (too large, interrupted).</summary>
    public string? NotStoredReason { get; init; }
}

/// <summary>The life of a paid call.</summary>
public enum PaidCallState
{
    /// <summary>Claimed by an instance that is settling the payment; the handler has not run.</summary>
    Claimed = 0,

    /// <summary>Settled; the handler is running (or ran and its instance died before storing the response).</summary>
    Running = 1,

    /// <summary>The handler finished; replays get <see cref="PaidCallRecord.Response"/>.</summary>
    Completed = 2,
}

/// <summary>The answer of <see cref="IPaidCallStore.ClaimAsync"/>.</summary>
/// <param name="IsNew">True when the candidate was inserted: the caller executes the call.</param>
/// <param name="Record">The inserted candidate, or the record already there.</param>
public readonly record struct PaidCallClaim(bool IsNew, PaidCallRecord Record);

/// <summary>A response kept for replays: status, the headers that matter, and the body.</summary>
public sealed record StoredResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
