namespace Fontana.Core.Api;

/// <summary>An unspent output: outpoint text <c>txid:index</c>, owner address and amount in utia (decimal string).</summary>
public sealed record UtxoDto(string OutPoint, string Address, string Amount);
