using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.Hosting;
using Fontana.Node.Streaming;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the node's ledger (opened at start from <c>Fontana</c> options) and its background services.</summary>
public static class LedgerServiceCollectionExtensions
{
    /// <summary><see cref="NodeLedger"/>: a hosted service that opens the store, genesis and keys; in-process users
    /// (a co-hosted provider, the facilitator) reach the ledger through it. <see cref="ILedger"/> itself is not
    /// registered: a transient registration would let each request scope dispose (close) the ledger.</summary>
    public static IServiceCollection AddFontanaLedger(this IServiceCollection services)
    {
        services.TryAddSingleton<NodeLedger>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeLedger>());
        services.TryAddSingleton<ITxStatusSource>(sp => sp.GetRequiredService<NodeLedger>());
        return services;
    }

    /// <summary>The <see cref="BlockProducer"/> and the <see cref="DaPoster"/> (register after <see cref="AddFontanaLedger"/>).</summary>
    public static IServiceCollection AddFontanaDaemons(this IServiceCollection services)
    {
        services.TryAddSingleton<BlockProducer>();
        services.TryAddSingleton<DaPoster>();
        // Hosted services stop in reverse order: the producer seals a final block first, then the poster posts it.
        services.AddHostedService(sp => sp.GetRequiredService<DaPoster>());
        services.AddHostedService(sp => sp.GetRequiredService<BlockProducer>());
        return services;
    }
}
