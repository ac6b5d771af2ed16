namespace Fontana.Node.DependencyInjection;

/// <summary>Registers the ledger (store, genesis, sequencer key) and the node's background services.</summary>
public static class LedgerServiceCollectionExtensions
{
    public static IServiceCollection AddFontanaLedger(this IServiceCollection services) => services;

    public static IServiceCollection AddFontanaDaemons(this IServiceCollection services) => services;
}
