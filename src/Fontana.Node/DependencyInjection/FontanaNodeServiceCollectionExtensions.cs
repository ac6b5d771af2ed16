using Fontana.Core.Api;
using Fontana.DataAvailability;
using Fontana.Node.Api;
using Fontana.Node.Diagnostics;
using Fontana.Node.Health;
using Fontana.Node.InProcess;
using Microsoft.AspNetCore.Hosting.Server;
using Fontana.Node.Options;
using Fontana.Node.Streaming;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registration of the node as a library: <see cref="AddFontanaNode"/> adds every feature; the per-feature methods
/// let a host (e.g. a provider running node and API in one process) pick what it needs.
/// </summary>
public static class FontanaNodeServiceCollectionExtensions
{
    /// <summary>Binds <see cref="FontanaNodeOptions"/> from the <c>Fontana</c> section, validated at start-up, and adds
    /// the ledger, data availability, HTTP API, stream, health checks, metrics and the background services.</summary>
    public static IServiceCollection AddFontanaNode(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFontanaNodeOptions(configuration);
        services.AddFontanaNodeMetrics();
        services.AddFontanaTelemetry(configuration);
        services.AddFontanaLedger();
        services.AddFontanaNodeDataAvailability(configuration);
        services.AddFontanaNodeApi();
        services.AddFontanaStream();
        services.AddFontanaNodeHealth();
        services.AddFontanaDaemons();
        services.AddFontanaBridge();
        return services;
    }

    /// <summary>Binds and validates (at start) the <c>Fontana</c> section; errors name the key.</summary>
    public static IServiceCollection AddFontanaNodeOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FontanaNodeOptions>()
            .Bind(configuration.GetSection(FontanaNodeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FontanaNodeOptions>, FontanaNodeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The DA layer (<see cref="DataAvailabilityServiceCollectionExtensions.AddFontanaDataAvailability"/>) bound from
    /// <c>Fontana:DataAvailability</c>, validated at start; the local layer defaults to <c>{DataDir}/da</c>.</summary>
    public static IServiceCollection AddFontanaNodeDataAvailability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddFontanaDataAvailability();
        services.AddOptions<DataAvailabilityOptions>()
            .Bind(configuration.GetSection(DaSection))
            .PostConfigure<IOptions<FontanaNodeOptions>>((da, node) =>
            {
                da.LocalDirectory = string.IsNullOrWhiteSpace(da.LocalDirectory)
                    ? Path.Combine(node.Value.ResolvedDataDir, "da")
                    : FontanaNodeOptions.ExpandHome(da.LocalDirectory);
            })
            .ValidateOnStart();
        return services;
    }

    /// <summary>The configuration section of the DA layer: <c>Fontana:DataAvailability</c>.</summary>
    public const string DaSection = FontanaNodeOptions.SectionName + ":" + DataAvailabilityOptions.SectionName;

    /// <summary>The <c>Fontana.Node</c> meter and its instruments.</summary>
    public static IServiceCollection AddFontanaNodeMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<NodeMetrics>();
        return services;
    }

    /// <summary>HTTP API: JSON with the Core.Api source-generated context, problem details, OpenAPI, Kestrel limits.</summary>
    public static IServiceCollection AddFontanaNodeApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            // As ApiJsonContext declares and docs/node.md promises: absent optional fields are left out, never null.
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddProblemDetails();
        services.AddOpenApi();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>());
        services.TryAddSingleton<BridgeKeyFilter>();
        return services;
    }

    /// <summary>Readiness checks (tag <c>ready</c>) behind <c>/health/ready</c>.</summary>
    public static IServiceCollection AddFontanaNodeHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<LedgerHealthCheck>("ledger", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<DaBacklogHealthCheck>("da-backlog", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>The <c>/v1/stream</c> hub, its header history (resumed subscriptions) and in-process access
    /// (<see cref="IInProcessNode"/>; requests over the stream use it too).</summary>
    public static IServiceCollection AddFontanaStream(this IServiceCollection services)
    {
        services.TryAddSingleton<StreamHub>();
        services.TryAddSingleton<IHeaderHistory, LedgerHeaderHistory>();
        services.AddFontanaInProcessAccess();
        return services;
    }

    /// <summary>
    /// Registers <see cref="IInProcessNode"/> (the node reached from the same process without sockets) by wrapping the
    /// host's <see cref="IServer"/> so the request pipeline it starts is kept. Call it after the server is registered
    /// (a <c>WebApplicationBuilder</c> registers Kestrel before your services); without a server the in-process
    /// requests wait for one.
    /// </summary>
    public static IServiceCollection AddFontanaInProcessAccess(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(NodeApplicationHolder)))
        {
            return services;
        }

        services.AddSingleton<NodeApplicationHolder>();
        services.TryAddSingleton<IInProcessNode, InProcessNode>();
        var server = services.LastOrDefault(d => d.ServiceType == typeof(IServer));
        if (server is not null && !server.IsKeyedService)
        {
            services.Remove(server);
            services.AddSingleton<IServer>(sp => new CapturingServer(Resolve(sp, server), sp.GetRequiredService<NodeApplicationHolder>()));
        }

        return services;
    }

    private static IServer Resolve(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IServer instance } => instance,
        { ImplementationFactory: { } factory } => (IServer)factory(services),
        { ImplementationType: { } type } => (IServer)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException("the registered IServer cannot be wrapped"),
    };
}
