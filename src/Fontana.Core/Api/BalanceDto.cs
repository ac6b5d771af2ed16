namespace Fontana.Core.Api;

/// <summary><c>GET /v1/addresses/{address}/balance</c>: sum of unspent outputs in utia (decimal string).</summary>
public sealed record BalanceDto(string Address, string Balance, int UtxoCount);
