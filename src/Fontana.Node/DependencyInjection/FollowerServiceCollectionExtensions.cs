using Fontana.DataAvailability;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Local;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Follower;
using Fontana.Node.Health;
using Fontana.Node.Options;
using Fontana.Node.Streaming;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of a read-only follower node (docs/operations.md, "Follower nodes").</summary>
public static class FollowerServiceCollectionExtensions
{
    /// <summary>
    /// A follower of the sequencer at <c>Fontana:Follower:SequencerUrl</c> (required): the same read API, stream, health
    /// and metrics as <see cref="FontanaNodeServiceCollectionExtensions.AddFontanaNode"/>, a ledger without keys that only
    /// replays verified blocks, the sync daemon (DA from <c>Fontana:DataAvailability</c>, read-only when local, plus the
    /// sequencer's blocks and stream), and <c>POST /v1/transactions</c> forwarded to the sequencer. No block producer,
    /// no DA poster. Map it with <c>MapFontanaNode()</c>.
    /// </summary>
    public static IServiceCollection AddFontanaFollower(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFontanaNodeOptions(configuration);
        services.AddOptions<FontanaNodeOptions>().Validate(o => o.Follower.IsEnabled,
            $"{FontanaNodeOptions.SectionName}:Follower:SequencerUrl is required for a follower node");
        services.AddFontanaNodeMetrics();
        services.AddFontanaTelemetry(configuration);
        services.TryAddSingleton<IDataAvailability>(CreateReadOnlyDa);
        services.AddFontanaNodeDataAvailability(configuration);
        services.AddHttpClient(SequencerClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<SequencerClient>();
        services.TryAddSingleton<FollowerStatus>();
        services.TryAddSingleton<FollowerChain>();
        services.TryAddSingleton<FollowerBootstrap>();
        services.TryAddSingleton(sp => new NodeLedger(sp.GetRequiredService<IOptions<FontanaNodeOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<NodeMetrics>(), sp.GetRequiredService<StreamHub>(), sp.GetRequiredService<ILogger<NodeLedger>>(), LedgerOpener.OpenAsync,
            ct => sp.GetRequiredService<FollowerBootstrap>().CreateOptionsAsync(ct)));
        services.AddFontanaLedger();
        services.AddFontanaNodeApi();
        services.AddFontanaStream();
        services.AddFontanaNodeHealth();
        services.AddFontanaBridgeStatus(); // the public bridge reads; a follower runs no bridge daemons
        services.AddHealthChecks().AddCheck<FollowerHealthCheck>("follower", tags: [HealthEndpoints.ReadyTag]);
        services.TryAddSingleton<FollowerSync>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowerSync>());
        services.AddHostedService<SequencerStreamWatcher>();
        return services;
    }

    /// <summary>The follower's DA source: a local DA copy opened read-only, or Celestia (reads only).</summary>
    private static IDataAvailability CreateReadOnlyDa(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DataAvailabilityOptions>>().Value;
        var loggers = services.GetService<ILoggerFactory>();
        return options.Layer == Fontana.Core.DaReference.CelestiaLayer
            ? new CelestiaDataAvailability(services.GetRequiredService<IHttpClientFactory>().CreateClient(CelestiaHttpClientName),
                options.Celestia, services.GetRequiredService<TimeProvider>(), loggers?.CreateLogger<CelestiaDataAvailability>())
            : new ReadOnlyLocalDa(options.LocalDirectory!, loggers?.CreateLogger<LocalDataAvailability>());
    }

    private const string CelestiaHttpClientName = DataAvailabilityServiceCollectionExtensions.CelestiaHttpClientName;
}
