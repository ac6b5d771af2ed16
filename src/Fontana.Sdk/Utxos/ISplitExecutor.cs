using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>Builds, signs and submits a split transaction straight to the node, and returns its txid once the node
/// has confirmed it (provisional receipt, or found by polling before the transaction expires).</summary>
internal interface ISplitExecutor
{
    /// <summary>The fee a split pays (the chain's minimum fee).</summary>
    Amount SplitFee { get; }

    Task<Hash32> ExecuteAsync(SplitPlan plan, CancellationToken cancellationToken);
}
