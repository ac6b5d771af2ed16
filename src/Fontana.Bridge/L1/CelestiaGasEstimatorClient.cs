using Fontana.Bridge.L1.GasEstimation;
using Fontana.Core.Errors;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fontana.Bridge.L1;

/// <summary>
/// celestia-app's gas estimator over gRPC (<c>celestia.core.v1.gas_estimation.GasEstimator/EstimateGasPrice</c>, a
/// consensus node's gRPC port): the gas price, in utia per gas, that celestia-node pays for a transaction when no
/// price is configured (celestia-node <c>state/txclient/tx_client.go</c> <c>estimateGasPrice</c>; the estimate itself
/// is celestia-app <c>app/grpc/gasestimation/gas_estimator.go</c>: the node's minimum while the mempool is not
/// congested, otherwise a percentile of the pending transactions' prices, never below the network minimum).
/// Failures are <see cref="L1Exception"/>s: unreachable or timed out <c>l1-unavailable</c>, refused credentials
/// <c>l1-auth</c>, a node without the service or a nonsensical price <c>l1-bad-response</c>.
/// </summary>
public sealed class CelestiaGasEstimatorClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly GasEstimator.GasEstimatorClient _client;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>A client of the estimator at <see cref="L1Options.GrpcUrl"/>; <paramref name="time"/> runs its timeout.</summary>
    public CelestiaGasEstimatorClient(L1Options options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _channel = GrpcChannel.ForAddress(options.GrpcUrl);
        _client = new GasEstimator.GasEstimatorClient(_channel);
        _timeout = options.RequestTimeout < EstimateTimeout ? options.RequestTimeout : EstimateTimeout;
    }

    /// <summary>An estimate answers at once on a healthy node; longer than this is an outage.</summary>
    private static TimeSpan EstimateTimeout => TimeSpan.FromSeconds(10);

    /// <summary>The estimated gas price (utia per gas) at the medium priority, celestia-node's default.</summary>
    public async Task<double> EstimateGasPriceAsync(CancellationToken cancellationToken)
    {
        EstimateGasPriceResponse response;
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            response = await _client.EstimateGasPriceAsync(
                new EstimateGasPriceRequest { TxPriority = TxPriority.Medium }, cancellationToken: linked.Token);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Classify(e);
        }

        var price = response.EstimatedGasPrice;
        return double.IsFinite(price) && price > 0
            ? price
            : throw new L1Exception(ErrorCodes.L1BadResponse, $"EstimateGasPrice answered {price} utia per gas; a price must be a positive number");
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    /// <summary>The <c>l1-*</c> code of a gRPC status.</summary>
    internal static L1Exception Classify(RpcException e) => e.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.ResourceExhausted =>
            new L1Exception(ErrorCodes.L1Unavailable, $"the consensus node's gas estimator is unavailable ({e.StatusCode}: {e.Status.Detail})", e),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied =>
            new L1Exception(ErrorCodes.L1Auth, $"the consensus node's gRPC refused the call ({e.StatusCode}: {e.Status.Detail})", e),
        StatusCode.Unimplemented =>
            new L1Exception(ErrorCodes.L1BadResponse, "the node at Bridge:L1:GrpcUrl serves no celestia.core.v1.gas_estimation.GasEstimator (a celestia-app consensus node's gRPC port is needed)", e),
        _ => new L1Exception(ErrorCodes.L1BadResponse, $"EstimateGasPrice failed ({e.StatusCode}: {e.Status.Detail})", e),
    };
}
