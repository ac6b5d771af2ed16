using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace Fontana.DataAvailability.Tests;

public sealed class DataAvailabilityServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fontana-da-di-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static ServiceProvider Build(Action<DataAvailabilityOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFontanaDataAvailability();
        services.Configure(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddFontanaDataAvailability_Local_ResolvesLocalLayerAndRetryPipeline()
    {
        using var sp = Build(o => o.LocalDirectory = _dir);

        sp.GetRequiredService<IDataAvailability>().ShouldBeOfType<LocalDataAvailability>().Directory.ShouldBe(Path.GetFullPath(_dir));
        sp.GetRequiredKeyedService<ResiliencePipeline>("fontana-da").ShouldNotBeNull();
    }

    [Fact]
    public void AddFontanaDataAvailability_Celestia_ResolvesCelestiaLayer()
    {
        using var sp = Build(o =>
        {
            o.Layer = "celestia";
            o.Celestia.NamespaceId = "0000000000000f0a7a1a";
        });

        sp.GetRequiredService<IDataAvailability>().ShouldBeOfType<CelestiaDataAvailability>().Layer.ShouldBe("celestia");
    }

    [Fact]
    public void AddFontanaDataAvailability_InvalidOptions_FailsNamingTheKeys()
    {
        using var sp = Build(o =>
        {
            o.Layer = "celestia";
            o.Celestia.NamespaceId = "nope";
            o.Retry.MaxRetryAttempts = -1;
        });

        var error = Should.Throw<OptionsValidationException>(() => sp.GetRequiredService<IOptions<DataAvailabilityOptions>>().Value);
        error.Failures.ShouldContain(f => f.StartsWith("DataAvailability:Celestia:NamespaceId ", StringComparison.Ordinal));
        error.Failures.ShouldContain(f => f.StartsWith("DataAvailability:Retry:MaxRetryAttempts ", StringComparison.Ordinal));
        using var unknown = Build(o => o.Layer = "ipfs");
        Should.Throw<OptionsValidationException>(() => unknown.GetRequiredService<IOptions<DataAvailabilityOptions>>().Value)
            .Message.ShouldContain("DataAvailability:Layer");
    }
}
