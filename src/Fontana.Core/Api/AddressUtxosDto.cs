namespace Fontana.Core.Api;

/// <summary><c>GET /v1/addresses/{address}/utxos</c>.</summary>
public sealed record AddressUtxosDto(string Address, IReadOnlyList<UtxoDto> Utxos);
