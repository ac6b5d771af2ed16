namespace Fontana.Bridge.Withdrawals;

/// <summary>Where a withdrawal's payout stands (public: <c>GET /v1/withdrawals/{txid}</c>).</summary>
public enum WithdrawalStatus
{
    /// <summary>Burned on Fontana; no payout attempted yet.</summary>
    Pending,

    /// <summary>The intent to pay is recorded (with the L1 height before sending); the payout may or may not be on L1.</summary>
    Paying,

    /// <summary>Paid on L1 (the L1 tx hash is recorded); the confirmation on Fontana is next.</summary>
    Paid,

    /// <summary>Paid and confirmed on Fontana.</summary>
    Confirmed,

    /// <summary>Never paid: the L1 address is not a Celestia account (the reason is recorded; the operator refunds).</summary>
    Failed,
}

/// <summary>One withdrawal as the processor recorded it, with when it was first recorded and last changed.</summary>
public sealed record WithdrawalRecord(
    string TxId, string L1Address, ulong Utia, WithdrawalStatus Status, long? IntentHeight, string? L1TxHash, string? Reason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
