using Fontana.DataAvailability;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Local;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI registration of the DA layer chosen by <see cref="DataAvailabilityOptions"/>.</summary>
public static class DataAvailabilityServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> the Celestia layer uses (no client timeout: <see cref="CelestiaOptions.RequestTimeout"/> applies).</summary>
    public const string CelestiaHttpClientName = "fontana-celestia";

    /// <summary>
    /// Registers <see cref="IDataAvailability"/> (singleton) and the DA retry <see cref="ResiliencePipeline"/> (keyed
    /// <c>"fontana-da"</c>), with options validation. Bind the options yourself, e.g.
    /// <c>services.AddOptions&lt;DataAvailabilityOptions&gt;().BindConfiguration("DataAvailability").ValidateOnStart()</c>.
    /// </summary>
    public static IServiceCollection AddFontanaDataAvailability(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DataAvailabilityOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataAvailabilityOptions>, DataAvailabilityOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(CelestiaHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IDataAvailability>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataAvailabilityOptions>>().Value;
            var loggers = sp.GetService<ILoggerFactory>();
            return options.Layer == Fontana.Core.DaReference.CelestiaLayer
                ? new CelestiaDataAvailability(sp.GetRequiredService<IHttpClientFactory>().CreateClient(CelestiaHttpClientName),
                    options.Celestia, sp.GetRequiredService<TimeProvider>(), loggers?.CreateLogger<CelestiaDataAvailability>())
                : new LocalDataAvailability(options.LocalDirectory!, loggers?.CreateLogger<LocalDataAvailability>());
        });
        services.TryAddKeyedSingleton("fontana-da", (sp, _) => DaRetryPolicy.Create(
            sp.GetRequiredService<IOptions<DataAvailabilityOptions>>().Value.Retry,
            sp.GetService<ILoggerFactory>()?.CreateLogger("Fontana.DataAvailability.Retry"),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private sealed class DataAvailabilityOptionsValidator : IValidateOptions<DataAvailabilityOptions>
    {
        public ValidateOptionsResult Validate(string? name, DataAvailabilityOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
