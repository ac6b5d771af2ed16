namespace Fontana.Core.Api;

/// <summary><c>POST /v1/bridge/deposits</c> (bridge key required): mint <see cref="Amount"/> utia (decimal string) to
/// <see cref="Address"/> for the L1 deposit <see cref="L1TxRef"/>; idempotent per <see cref="L1TxRef"/>.</summary>
public sealed record BridgeDepositRequest(string L1TxRef, string Address, string Amount);
