namespace Fontana.Core.Api;

/// <summary><c>GET /v1/bridge/withdrawals</c> (bridge key required): withdrawals not yet confirmed, oldest first.</summary>
public sealed record WithdrawalListDto(IReadOnlyList<WithdrawalDto> Withdrawals);
