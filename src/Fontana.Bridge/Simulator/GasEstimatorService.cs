using Fontana.Bridge.L1.GasEstimation;
using Grpc.Core;

namespace Fontana.Bridge.Simulator;

/// <summary>
/// The simulator's consensus-node gRPC: celestia-app's <c>GasEstimator.EstimateGasPrice</c>
/// (<c>app/grpc/gasestimation/gas_estimator.go</c>). It answers <see cref="L1SimulatorOptions.EstimatedGasPrice"/>
/// whatever the priority (the real estimator does the same while the mempool is not congested), HTTP/2 only, and
/// <c>Unavailable</c> while the simulator is <see cref="L1SimulatorOptions.Down"/>.
/// </summary>
internal sealed class GasEstimatorService(L1SimulatorOptions options) : GasEstimator.GasEstimatorBase
{
    public override Task<EstimateGasPriceResponse> EstimateGasPrice(EstimateGasPriceRequest request, ServerCallContext context)
    {
        if (options.Down)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "simulated outage"));
        }

        if (!Enum.IsDefined(request.TxPriority))
        {
            // gRPC-Go's proto3 decoding keeps an unknown enum number; celestia-app's switch then errors.
            throw new RpcException(new Status(StatusCode.Unknown, $"unknown priority {(int)request.TxPriority}"));
        }

        return Task.FromResult(new EstimateGasPriceResponse { EstimatedGasPrice = options.EstimatedGasPrice });
    }
}
