using Fontana.Core;

namespace Fontana.Sdk.Settlement;

/// <summary>What a withdrawal of <see cref="Amount"/> costs: <see cref="RollupFee"/> (paid on Fontana, on top of the amount)
/// and <see cref="L1Fee"/> (the gas the vault spends on the payout at the bridge's gas price; not charged to you).
/// <see cref="Receive"/> is what arrives on L1: the full amount.</summary>
public sealed record WithdrawalEstimate(Amount Amount, Amount RollupFee, Amount L1Fee, Amount TotalDebited, Amount Receive)
{
    /// <summary>Where the L1 gas price behind <see cref="L1Fee"/> came from: <c>configured</c> (the bridge's fixed price),
    /// <c>estimated</c> (the L1's gas estimator, now), <c>last-estimate</c> (the estimator failed just now) or <c>default</c>
    /// (celestia-app's default minimum gas price, before any estimate). Null from a node that does not say.</summary>
    public string? L1GasPriceSource { get; init; }
}
