namespace Fontana.Core.Api;

/// <summary><c>GET /v1/utxos/{txid}:{index}</c>: <see cref="Status"/> is <c>unspent</c>, <c>spent</c> (with
/// <see cref="SpentBy"/>) or <c>unknown</c>.</summary>
public sealed record UtxoStatusDto(string OutPoint, string Status, string? Address, string? Amount, string? SpentBy);
