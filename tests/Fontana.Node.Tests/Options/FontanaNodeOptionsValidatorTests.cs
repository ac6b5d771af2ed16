using Fontana.DataAvailability;
using Fontana.Node.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Tests.Options;

public sealed class FontanaNodeOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        FontanaNodeOptionsValidator.Errors(new FontanaNodeOptions()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Fontana:BlockInterval", "00:00:00", "Fontana:BlockInterval")]
    [InlineData("Fontana:Store:Provider", "mysql", "Fontana:Store:Provider")]
    [InlineData("Fontana:Store:Provider", "postgres", "Fontana:Store:PostgresConnectionString")]
    [InlineData("Fontana:Api:MaxRequestBodyBytes", "10", "Fontana:Api:MaxRequestBodyBytes")]
    [InlineData("Fontana:Bridge:ApiKey", "short", "Fontana:Bridge:ApiKey")]
    [InlineData("Fontana:DaPoster:ReadyBacklogThreshold", "0", "Fontana:DaPoster:ReadyBacklogThreshold")]
    [InlineData("Fontana:Stream:ConnectionBufferCapacity", "0", "Fontana:Stream:ConnectionBufferCapacity")]
    public void Validate_BadValue_ErrorNamesTheKey(string key, string value, string expectedKey)
    {
        var options = Bind(new Dictionary<string, string?> { [key] = value });

        var errors = FontanaNodeOptionsValidator.Errors(options);

        errors.ShouldContain(e => e.StartsWith(expectedKey, StringComparison.Ordinal));
    }

    [Fact]
    public void AddFontanaNodeDataAvailability_BadLayer_FailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Fontana:DataAvailability:Layer"] = "ipfs" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddFontanaNodeOptions(configuration)
            .AddFontanaNodeDataAvailability(configuration).BuildServiceProvider();

        var ex = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DataAvailabilityOptions>>().Value);

        ex.Message.ShouldContain("DataAvailability:Layer");
    }

    [Fact]
    public void AddFontanaNodeDataAvailability_Defaults_LocalDirUnderDataDir()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Fontana:DataDir"] = "/tmp/fontana-x" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddFontanaNodeOptions(configuration)
            .AddFontanaNodeDataAvailability(configuration).BuildServiceProvider();

        provider.GetRequiredService<IOptions<DataAvailabilityOptions>>().Value.LocalDirectory.ShouldBe("/tmp/fontana-x/da");
    }

    [Fact]
    public void AddFontanaNodeOptions_InvalidConfiguration_FailsAtStartNamingTheKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Fontana:Api:MaxUtxosPerResponse"] = "0" })
            .Build();
        using var provider = new ServiceCollection().AddFontanaNodeOptions(configuration).BuildServiceProvider();

        var ex = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FontanaNodeOptions>>().Value);

        ex.Message.ShouldContain("Fontana:Api:MaxUtxosPerResponse");
    }

    [Fact]
    public void ExpandHome_TildePath_ResolvesUnderHome()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        FontanaNodeOptions.ExpandHome("~/.fontana/devnet").ShouldBe(Path.Combine(home, ".fontana", "devnet"));
    }

    private static FontanaNodeOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new FontanaNodeOptions();
        configuration.GetSection(FontanaNodeOptions.SectionName).Bind(options);
        return options;
    }
}
