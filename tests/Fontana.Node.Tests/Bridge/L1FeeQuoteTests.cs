using Fontana.Bridge.L1;
using Fontana.Bridge.Simulator;
using Fontana.Core.Api;
using Fontana.Node.Bridge;
using Fontana.Node.Options;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using System.Net.Http.Json;

namespace Fontana.Node.Tests.Bridge;

/// <summary><c>l1Fee</c> in <c>GET /v1/bridge-info</c>: the configured gas price, else the L1's gas estimator (gRPC, on the
/// simulator's second port), else the last estimate or celestia-app's default minimum, always saying which.</summary>
public sealed class L1FeeQuoteTests
{
    [Fact]
    public async Task BridgeInfo_GasPriceUnset_QuotesTheL1EstimatorNow()
    {
        await using var bridge = await BridgeNode.StartAsync();
        bridge.L1.Options.EstimatedGasPrice = 0.05;

        var info = await bridge.Node.Http.GetFromJsonAsync("v1/bridge-info", ApiJsonContext.Default.BridgeInfoDto);

        info!.L1GasPriceSource.ShouldBe("estimated");
        info.L1GasPrice.ShouldBe("0.05");
        info.L1Fee.ShouldBe("5000"); // 0.05 utia/gas × 100,000 gas
    }

    [Fact]
    public async Task BridgeInfo_EstimatorDownBeforeAnyEstimate_DefaultMinimumSaidSo()
    {
        await using var bridge = await BridgeNode.StartAsync();
        bridge.L1.Options.Down = true;

        var info = await bridge.Node.Http.GetFromJsonAsync("v1/bridge-info", ApiJsonContext.Default.BridgeInfoDto);

        info!.L1GasPriceSource.ShouldBe("default");
        info.L1Fee.ShouldBe("400"); // 0.004 × 100,000
    }

    [Fact]
    public async Task Quote_Configured_NeverAsksTheEstimator()
    {
        await using var l1 = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = BridgeNode.Vault, Down = true });
        using var estimator = new CelestiaGasEstimatorClient(new L1Options { GrpcUrl = l1.GrpcUrl.ToString() }, TimeProvider.System);
        var quote = new L1FeeQuote(new BridgeL1Options { GasPrice = 0.01 }, estimator, TimeProvider.System, NullLogger<L1FeeQuote>.Instance);

        var price = await quote.GasPriceAsync(CancellationToken.None);

        price.ShouldBe(new L1GasPrice(0.01, L1GasPrice.Configured));
        price.FeeFor(BridgeStatusEndpoints.PayoutGas).ShouldBe(1000ul);
    }

    [Fact]
    public async Task Quote_EstimatorFailsLater_LastEstimateSaidSoThenFreshAgain()
    {
        await using var l1 = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = BridgeNode.Vault, EstimatedGasPrice = 0.02 });
        using var estimator = new CelestiaGasEstimatorClient(new L1Options { GrpcUrl = l1.GrpcUrl.ToString() }, TimeProvider.System);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var quote = new L1FeeQuote(new BridgeL1Options(), estimator, clock, NullLogger<L1FeeQuote>.Instance);

        (await quote.GasPriceAsync(CancellationToken.None)).ShouldBe(new L1GasPrice(0.02, L1GasPrice.Estimated));
        l1.Options.EstimatedGasPrice = 0.03;
        (await quote.GasPriceAsync(CancellationToken.None)).UtiaPerGas.ShouldBe(0.02); // still fresh: not asked again

        clock.Advance(L1FeeQuote.Freshness);
        l1.Options.Down = true;
        (await quote.GasPriceAsync(CancellationToken.None)).ShouldBe(new L1GasPrice(0.02, L1GasPrice.LastEstimate));

        l1.Options.Down = false;
        (await quote.GasPriceAsync(CancellationToken.None)).ShouldBe(new L1GasPrice(0.03, L1GasPrice.Estimated));
    }

    [Fact]
    public void FeeFor_RoundsUpToWholeUtia() =>
        new L1GasPrice(0.0041, L1GasPrice.Estimated).FeeFor(100_001).ShouldBe(411ul); // 410.0041 → 411, as celestia-app's pkg/user does
}
