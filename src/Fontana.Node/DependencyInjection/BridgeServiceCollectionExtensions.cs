using Fontana.Node.Bridge;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the bridge: its shared runtime, the public status reader and the two daemons (deposit watcher,
/// withdrawal processor), which run only when <c>Fontana:Bridge:L1:VaultAddress</c> is set.</summary>
public static class BridgeServiceCollectionExtensions
{
    /// <summary>Adds the bridge (register after <c>AddFontanaLedger</c> and the DA layer).</summary>
    public static IServiceCollection AddFontanaBridge(this IServiceCollection services)
    {
        services.AddFontanaBridgeStatus();
        services.TryAddSingleton<BridgeMetrics>();
        services.TryAddSingleton<BridgeAlerts>();
        services.TryAddSingleton<DepositWatcher>();
        services.TryAddSingleton<WithdrawalProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<DepositWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<WithdrawalProcessor>());
        return services;
    }

    /// <summary>Only the public status reads (<c>GET /v1/withdrawals…</c>, <c>/v1/deposits…</c>, <c>/v1/bridge-info</c>), which
    /// <c>MapFontanaNode()</c> maps: a follower registers this and answers from its ledger alone.</summary>
    public static IServiceCollection AddFontanaBridgeStatus(this IServiceCollection services)
    {
        services.TryAddSingleton<BridgeRuntime>();
        services.TryAddSingleton<BridgeStatusReader>();
        services.TryAddSingleton(sp =>
        {
            var bridge = sp.GetRequiredService<BridgeRuntime>();
            return new L1FeeQuote(bridge.Options, bridge.GasEstimator, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<L1FeeQuote>>());
        });
        return services;
    }
}
