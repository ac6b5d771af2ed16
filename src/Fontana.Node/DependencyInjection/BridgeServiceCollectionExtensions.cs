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
        services.TryAddSingleton<BridgeRuntime>();
        services.TryAddSingleton<BridgeMetrics>();
        services.TryAddSingleton<BridgeAlerts>();
        services.TryAddSingleton<BridgeStatusReader>();
        services.TryAddSingleton<DepositWatcher>();
        services.TryAddSingleton<WithdrawalProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<DepositWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<WithdrawalProcessor>());
        return services;
    }
}
