using Fontana.Sdk.Networks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="FontanaNetworkClient"/> (several networks, failover) and paying HTTP clients over it.</summary>
public static class FontanaNetworksServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="FontanaNetworkClient"/> (singleton) from <c>Fontana:Networks:&lt;name&gt;:…</c> and
    /// <c>Fontana:DefaultNetwork</c> of <paramref name="configuration"/>, then <paramref name="configure"/> (for what only
    /// code can set: <c>SigningKey</c>, <c>ConfigurePayer</c>). The options are validated at start-up (<c>ValidateOnStart</c>)
    /// with errors naming the key; node HTTP goes through <see cref="IHttpClientFactory"/>
    /// (client <see cref="FontanaNetworkClient.HttpClientName"/>).
    /// </summary>
    public static IServiceCollection AddFontanaNetworks(this IServiceCollection services, IConfiguration configuration, Action<FontanaNetworksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<FontanaNetworksOptions>().Bind(configuration.GetSection(FontanaNetworksOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FontanaNetworksOptions>, FontanaNetworksOptionsValidator>());
        services.AddHttpClient(FontanaNetworkClient.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FontanaNetworkClient(
            sp.GetRequiredService<IOptions<FontanaNetworksOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<IHttpClientFactory>()));
        return services;
    }

    /// <summary>Makes this <see cref="HttpClient"/> pay x402-priced calls through the registered
    /// <see cref="FontanaNetworkClient"/> (<see cref="AddFontanaNetworks"/>): each 402 is paid on a network the client
    /// holds funds on.</summary>
    public static IHttpClientBuilder AddFontanaNetworkPayments(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHttpMessageHandler(services => services.GetRequiredService<FontanaNetworkClient>().CreateHandler());
        return builder;
    }
}
