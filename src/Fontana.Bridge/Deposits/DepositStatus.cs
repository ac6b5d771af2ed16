namespace Fontana.Bridge.Deposits;

/// <summary>What became of a transfer to the vault (public: <c>GET /v1/deposits/{l1TxHash}</c>).</summary>
public enum DepositStatus
{
    /// <summary>Found on L1, waiting for confirmations.</summary>
    Seen,

    /// <summary>Minted on Fontana (the mint's txid is recorded).</summary>
    Minted,

    /// <summary>The memo holds no valid Fontana address: never minted, kept for the operator to refund on L1.</summary>
    Unclaimed,
}

/// <summary>One deposit as the watcher recorded it, with when it was first seen and last changed.</summary>
public sealed record DepositRecord(
    string Key, string L1TxHash, int MessageIndex, long L1Height, string From, ulong Utia, string Memo,
    DepositStatus Status, long Confirmations, string? MintTxId, string? Reason, DateTimeOffset SeenAt, DateTimeOffset UpdatedAt);
