using Fontana.DataAvailability;
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
        services.TryAddSingleton<IDataAvailability>(sp => Create(sp.GetRequiredService<IOptions<FontanaNodeOptions>>().Value, sp));
        return services;
    }

    internal static IDataAvailability Create(FontanaNodeOptions options, IServiceProvider services)
    {
        var da = options.DataAvailability;
        return da.Provider.ToLowerInvariant() switch
        {
            DataAvailabilityOptions.CelestiaProvider => throw new NotSupportedException("the Celestia DA layer is not available in this build"),
            _ => new LocalDataAvailability(LocalDir(options), services.GetService<ILogger<LocalDataAvailability>>()),
        };
    }

    /// <summary>The local DA directory: <c>Fontana:DataAvailability:LocalDir</c> or <c>{DataDir}/da</c>.</summary>
    internal static string LocalDir(FontanaNodeOptions options) =>
        options.DataAvailability.LocalDir is { Length: > 0 } dir
            ? FontanaNodeOptions.ExpandHome(dir)
            : Path.Combine(options.ResolvedDataDir, "da");
}
