using Fontana.DataAvailability;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Local;
using Fontana.Node.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fontana.Node.DependencyInjection;

/// <summary>Registers the <see cref="IDataAvailability"/> layer chosen by <c>Fontana:DataAvailability:Provider</c>.</summary>
public static class DataAvailabilityServiceCollectionExtensions
{
    public static IServiceCollection AddFontanaDataAvailability(this IServiceCollection services)
    {
        services.AddHttpClient(CelestiaHttpClient);
        services.TryAddSingleton<IDataAvailability>(sp => Create(sp.GetRequiredService<IOptions<FontanaNodeOptions>>().Value, sp));
        return services;
    }

    internal static IDataAvailability Create(FontanaNodeOptions options, IServiceProvider services)
    {
        var da = options.DataAvailability;
        return da.Provider.ToLowerInvariant() switch
        {
            DataAvailabilityOptions.CelestiaProvider => CreateCelestia(da.Celestia, services),
            _ => new LocalDataAvailability(LocalDir(options), services.GetService<ILogger<LocalDataAvailability>>()),
        };
    }

    /// <summary>Name of the <see cref="HttpClient"/> used for celestia-node RPC.</summary>
    public const string CelestiaHttpClient = "Fontana.Celestia";

    private static CelestiaDataAvailability CreateCelestia(CelestiaOptions options, IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(CelestiaHttpClient);
        http.Timeout = options.RequestTimeout + TimeSpan.FromSeconds(10);
        return new CelestiaDataAvailability(http, options, services.GetService<TimeProvider>(), services.GetService<ILogger<CelestiaDataAvailability>>());
    }

    /// <summary>The local DA directory: <c>Fontana:DataAvailability:LocalDir</c> or <c>{DataDir}/da</c>.</summary>
    internal static string LocalDir(FontanaNodeOptions options) =>
        options.DataAvailability.LocalDir is { Length: > 0 } dir
            ? FontanaNodeOptions.ExpandHome(dir)
            : Path.Combine(options.ResolvedDataDir, "da");
}
