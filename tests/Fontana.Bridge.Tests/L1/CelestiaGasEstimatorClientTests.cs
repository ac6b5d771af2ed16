using System.Net;
using System.Net.Sockets;
using Fontana.Bridge.L1;
using Fontana.Core.Errors;
using Grpc.Core;

namespace Fontana.Bridge.Tests.L1;

public sealed class CelestiaGasEstimatorClientTests
{
    [Fact]
    public async Task EstimateGasPrice_IdleChain_CelestiaAppDefaultMinimum()
    {
        await using var l1 = await L1Fixture.StartAsync();
        using var client = new CelestiaGasEstimatorClient(l1.Options, TimeProvider.System);

        (await client.EstimateGasPriceAsync(CancellationToken.None)).ShouldBe(0.004);
    }

    [Fact]
    public async Task EstimateGasPrice_Congested_FollowsTheEstimator()
    {
        await using var l1 = await L1Fixture.StartAsync();
        using var client = new CelestiaGasEstimatorClient(l1.Options, TimeProvider.System);

        l1.Simulator.Options.EstimatedGasPrice = 0.0525;

        (await client.EstimateGasPriceAsync(CancellationToken.None)).ShouldBe(0.0525);
    }

    [Fact]
    public async Task EstimateGasPrice_L1Down_TransientUnavailable()
    {
        await using var l1 = await L1Fixture.StartAsync();
        using var client = new CelestiaGasEstimatorClient(l1.Options, TimeProvider.System);
        l1.Simulator.Options.Down = true;

        var e = await Should.ThrowAsync<L1Exception>(() => client.EstimateGasPriceAsync(CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1Unavailable);
        e.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public async Task EstimateGasPrice_NothingListening_TransientUnavailable()
    {
        using var client = new CelestiaGasEstimatorClient(new L1Options { GrpcUrl = $"http://127.0.0.1:{FreePort()}" }, TimeProvider.System);

        var e = await Should.ThrowAsync<L1Exception>(() => client.EstimateGasPriceAsync(CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1Unavailable);
    }

    [Fact]
    public async Task EstimateGasPrice_NonsensicalPrice_BadResponse()
    {
        await using var l1 = await L1Fixture.StartAsync();
        using var client = new CelestiaGasEstimatorClient(l1.Options, TimeProvider.System);
        l1.Simulator.Options.EstimatedGasPrice = 0;

        var e = await Should.ThrowAsync<L1Exception>(() => client.EstimateGasPriceAsync(CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1BadResponse);
        e.IsTransient.ShouldBeFalse();
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, ErrorCodes.L1Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded, ErrorCodes.L1Unavailable)]
    [InlineData(StatusCode.Cancelled, ErrorCodes.L1Unavailable)]
    [InlineData(StatusCode.ResourceExhausted, ErrorCodes.L1Unavailable)]
    [InlineData(StatusCode.Unauthenticated, ErrorCodes.L1Auth)]
    [InlineData(StatusCode.PermissionDenied, ErrorCodes.L1Auth)]
    [InlineData(StatusCode.Unimplemented, ErrorCodes.L1BadResponse)]
    [InlineData(StatusCode.Internal, ErrorCodes.L1BadResponse)]
    [InlineData(StatusCode.Unknown, ErrorCodes.L1BadResponse)]
    public void Classify_GrpcStatus_StableCode(StatusCode status, string code) =>
        CelestiaGasEstimatorClient.Classify(new RpcException(new Status(status, "x"))).Code.ShouldBe(code);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
