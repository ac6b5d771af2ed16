namespace Fontana.Core.Api;

/// <summary>
/// <c>GET /v1/withdrawals/{txid}</c>: where a withdrawal stands. <see cref="Status"/> is <c>pending</c> (burned, not paid
/// yet), <c>paying</c> (the payout's intent is recorded; it may be on L1), <c>paid</c> (on L1: <see cref="L1TxHash"/>),
/// <c>confirmed</c> (paid and confirmed on Fontana) or <c>failed</c> (never payable: <see cref="Reason"/>). Amount in utia.
/// </summary>
public sealed record WithdrawalStatusDto(
    string TxId, string Status, string L1Address, string Amount, string? L1TxHash, string? ConfirmationTxId, string? Reason,
    DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);

/// <summary><c>GET /v1/withdrawals</c>: recent withdrawals, newest first.</summary>
public sealed record WithdrawalStatusListDto(WithdrawalStatusDto[] Withdrawals);

/// <summary>
/// One transfer to the vault (<c>GET /v1/deposits/{l1TxHash}</c> lists one per message of the L1 transaction).
/// <see cref="Status"/> is <c>seen</c> (waiting: <see cref="Confirmations"/> of <see cref="RequiredConfirmations"/>),
/// <c>minted</c> (<see cref="MintTxId"/> on Fontana) or <c>unclaimed</c> (the memo holds no Fontana address; never minted,
/// kept for a refund: <see cref="Reason"/>). Amount in utia.
/// </summary>
public sealed record DepositStatusDto(
    string L1TxHash, int MessageIndex, string Status, long Confirmations, int RequiredConfirmations, long L1Height, string From,
    string Amount, string Memo, string? MintTxId, string? Reason, DateTimeOffset SeenAt, DateTimeOffset UpdatedAt);

/// <summary><c>GET /v1/deposits/{l1TxHash}</c> and <c>GET /v1/deposits</c>.</summary>
public sealed record DepositStatusListDto(DepositStatusDto[] Deposits);

/// <summary><c>GET /v1/bridge-info</c>: how to deposit (send TIA on Celestia to <see cref="VaultAddress"/> with your
/// <c>fnt1…</c> address as the memo) and what the bridge charges. <see cref="Enabled"/> false: this node runs no bridge.
/// <see cref="FaucetUrl"/> and <see cref="FaucetAddress"/> are set on a devnet only: its L1 simulator and a funded account.
/// <see cref="L1Fee"/> (utia) is what the vault spends on one payout: <see cref="L1GasPrice"/> (utia per gas, a decimal
/// string) × 100,000 gas, rounded up; <see cref="L1GasPriceSource"/> is <c>configured</c>, <c>estimated</c> (the L1's gas
/// estimator, now), <c>last-estimate</c> (the estimator failed just now) or <c>default</c> (celestia-app's default
/// minimum, 0.004, before any estimate).</summary>
public sealed record BridgeInfoDto(
    bool Enabled, string? VaultAddress, int Confirmations, string WithdrawalFee, string L1Fee, string? FaucetUrl = null, string? FaucetAddress = null,
    string? L1GasPrice = null, string? L1GasPriceSource = null);
