using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>Builds, signs and submits a split transaction straight to the node, and returns its txid once the node
/// has confirmed it (provisional receipt, or found by polling before the transaction expires).</summary>
internal interface ISplitExecutor
{
    /// <summary>The fee a split pays (the chain's minimum fee).</summary>
    Amount SplitFee { get; }

    /// <param name="plan">What to build.</param>
    /// <param name="beforeSubmit">Called with the txid once signed, before it is sent (so its outputs can be cached as pending).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task<Hash32> ExecuteAsync(SplitPlan plan, Action<Hash32>? beforeSubmit, CancellationToken cancellationToken);
}
