namespace Fontana.Core.Api;

/// <summary><c>POST /v1/bridge/withdrawals/{txid}/confirm</c> (bridge key required): the withdrawal was paid out on L1
/// by <see cref="L1TxRef"/>.</summary>
public sealed record WithdrawalConfirmRequest(string L1TxRef);
