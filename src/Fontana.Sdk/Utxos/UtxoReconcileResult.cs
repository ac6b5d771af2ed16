namespace Fontana.Sdk.Utxos;

/// <summary>What a reconciliation with the node's list of unspent outputs changed.</summary>
/// <param name="Added">Outputs the node knows that the cache did not (now available).</param>
/// <param name="Confirmed">Pending outputs the node now lists (now available).</param>
/// <param name="Dropped">Available outputs the node no longer lists (removed).</param>
/// <param name="FlaggedWhileLocked">Locked outputs the node no longer lists; dropped when their call releases them.</param>
/// <param name="FundsDeltaUtia">Change of the cache's unspent total in utia (added minus dropped).</param>
public readonly record struct UtxoReconcileResult(int Added, int Confirmed, int Dropped, int FlaggedWhileLocked, long FundsDeltaUtia);
