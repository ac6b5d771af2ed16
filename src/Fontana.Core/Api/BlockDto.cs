namespace Fontana.Core.Api;

/// <summary><c>GET /v1/blocks/{height}</c>: header, txids in order, DA status (<c>sealed</c> | <c>posted</c>) and reference.</summary>
public sealed record BlockDto(HeaderDto Header, IReadOnlyList<string> TxIds, string DaStatus, string? DaReference);
