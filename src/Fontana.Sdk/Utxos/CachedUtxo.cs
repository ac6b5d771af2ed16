using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>A snapshot of one cached output of the wallet.</summary>
/// <param name="OutPoint">The output's <c>txid:index</c>.</param>
/// <param name="Amount">Its value.</param>
/// <param name="Status">Its status when the snapshot was taken.</param>
/// <param name="LockedBy">The id of the call holding it when <see cref="Status"/> is <see cref="UtxoStatus.Locked"/>.</param>
public readonly record struct CachedUtxo(OutPoint OutPoint, Amount Amount, UtxoStatus Status, string? LockedBy);
