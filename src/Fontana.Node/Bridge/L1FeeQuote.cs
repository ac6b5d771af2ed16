using Fontana.Bridge.L1;
using Fontana.Node.Options;

namespace Fontana.Node.Bridge;

/// <summary>
/// The gas price a payout pays on Celestia, for <c>GET /v1/bridge-info</c>'s <c>l1Fee</c>: the configured
/// <c>Bridge:L1:GasPrice</c> when set (celestia-node then sends exactly that), otherwise what the consensus node's gas
/// estimator answers now (celestia-node asks the same estimator when it pays), kept for <see cref="Freshness"/>.
/// When the estimator cannot be reached the last estimate is used, or celestia-app's default minimum gas price before
/// any; the <see cref="L1GasPrice.Source"/> says which, so a client never mistakes a fallback for a quote.
/// </summary>
internal sealed class L1FeeQuote(BridgeL1Options options, CelestiaGasEstimatorClient? estimator, TimeProvider time, ILogger<L1FeeQuote> log)
{
    /// <summary>celestia-app's default minimum gas price, utia per gas (<c>pkg/appconsts/initial_consts.go</c>
    /// <c>DefaultMinGasPrice</c>): what its estimator answers while the mempool is not congested.</summary>
    internal const double DefaultGasPrice = 0.004;

    /// <summary>How long one estimate is reused.</summary>
    internal static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    private L1GasPrice? _last;
    private DateTimeOffset _lastAt;

    /// <summary>The gas price to quote now and where it came from.</summary>
    public async Task<L1GasPrice> GasPriceAsync(CancellationToken cancellationToken)
    {
        if (options.GasPrice is { } configured)
        {
            return new L1GasPrice(configured, L1GasPrice.Configured);
        }

        if (estimator is null)
        {
            return new L1GasPrice(DefaultGasPrice, L1GasPrice.Default);
        }

        var last = Volatile.Read(ref _last);
        if (last is not null && time.GetUtcNow() - _lastAt < Freshness)
        {
            return last;
        }

        try
        {
            var estimate = new L1GasPrice(await estimator.EstimateGasPriceAsync(cancellationToken).ConfigureAwait(false), L1GasPrice.Estimated);
            _lastAt = time.GetUtcNow();
            Volatile.Write(ref _last, estimate);
            return estimate;
        }
        catch (L1Exception e)
        {
            log.LogWarning("The L1 gas estimator failed ({Code}: {Message}); quoting {Fallback}", e.Code, e.Message,
                last is null ? "the default minimum gas price" : "the last estimate");
            return last is null ? new L1GasPrice(DefaultGasPrice, L1GasPrice.Default) : last with { Source = L1GasPrice.LastEstimate };
        }
    }
}

/// <summary>A gas price in utia per gas and its source: <see cref="Configured"/>, <see cref="Estimated"/>,
/// <see cref="LastEstimate"/> (the estimator failed just now) or <see cref="Default"/> (no estimate yet).</summary>
internal sealed record L1GasPrice(double UtiaPerGas, string Source)
{
    public const string Configured = "configured";
    public const string Estimated = "estimated";
    public const string LastEstimate = "last-estimate";
    public const string Default = "default";

    /// <summary>What a payout of <paramref name="gas"/> gas costs, rounded up to whole utia (the fee celestia-node sets).</summary>
    public ulong FeeFor(ulong gas) => (ulong)Math.Ceiling(UtiaPerGas * gas);
}
