using Fontana.Sdk.Networks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fontana.Sdk.Tests.Networks;

/// <summary><c>Fontana:Networks:&lt;name&gt;:…</c> bound from configuration and validated at start-up, errors naming the key.</summary>
public sealed class NetworkOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Bind_TwoNetworksFromConfiguration_KeyedByNetworkIdWithWeightsAndDefault()
    {
        var wallet = WalletFile();
        var config = Config(new()
        {
            ["Fontana:DefaultNetwork"] = "beta",
            ["Fontana:Networks:alpha:ChainId"] = "alpha-net",
            ["Fontana:Networks:alpha:Nodes:0:Url"] = "http://127.0.0.1:1/",
            ["Fontana:Networks:alpha:Nodes:1:Url"] = "http://127.0.0.1:2/",
            ["Fontana:Networks:alpha:Nodes:1:Weight"] = "3",
            ["Fontana:Networks:alpha:WalletPath"] = wallet,
            ["Fontana:Networks:alpha:MaxPricePerCall"] = "0.002 TIA",
            ["Fontana:Networks:alpha:Failover:MaxAttempts"] = "4",
            ["Fontana:Networks:beta:ChainId"] = "beta-net",
            ["Fontana:Networks:beta:Nodes:0:Url"] = "http://127.0.0.1:3/",
            ["Fontana:Networks:beta:Transport"] = "WebSocket",
            ["Fontana:Networks:beta:WalletPath"] = wallet,
        });
        using var provider = new ServiceCollection().AddFontanaNetworks(config).BuildServiceProvider();

        var client = provider.GetRequiredService<FontanaNetworkClient>();

        client.DefaultNetwork.Id.ShouldBe("fontana:beta-net");
        client.Networks.Keys.Order().ShouldBe(["fontana:alpha-net", "fontana:beta-net"]);
        var alpha = client.GetNetwork("alpha");
        alpha.MaxPricePerCall.ShouldBe(Core.Amount.FromUtia(2_000));
        alpha.Failover.Nodes.Select(n => n.Weight).ShouldBe([1.0, 3.0]);
        alpha.Failover.Nodes[1].Name.ShouldBe("http://127.0.0.1:2/");
        client.GetNetwork("fontana:beta-net").Failover.Nodes[0].Transport.ShouldBeOfType<Sdk.Transports.WebSocketNodeTransport>();
        client.Wallet.GetAddress("alpha").ShouldBe(client.Wallet.GetAddress("beta"));
    }

    [Fact]
    public async Task ValidateOnStart_BadKeys_HostFailsNamingEachKey()
    {
        var config = Config(new()
        {
            ["Fontana:Networks:alpha:ChainId"] = "Alpha Net",
            ["Fontana:Networks:alpha:Nodes:0:Url"] = "ftp://x",
            ["Fontana:Networks:alpha:Nodes:0:Weight"] = "0",
            ["Fontana:Networks:alpha:WalletPath"] = Path.Combine(_dir.Path, "missing.key"),
            ["Fontana:Networks:alpha:MaxPricePerCall"] = "lots",
            ["Fontana:Networks:alpha:SequencerPublicKey"] = "zz",
            ["Fontana:Networks:beta:ChainId"] = "beta-net",
            ["Fontana:Networks:beta:Failover:TopK"] = "0",
        });
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFontanaNetworks(config);
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain("Fontana:Networks:alpha:ChainId \"Alpha Net\" is invalid");
        error.Message.ShouldContain("Fontana:Networks:alpha:Nodes:0:Url \"ftp://x\"");
        error.Message.ShouldContain("Fontana:Networks:alpha:Nodes:0:Weight 0");
        error.Message.ShouldContain("Fontana:Networks:alpha:WalletPath");
        error.Message.ShouldContain("Fontana:Networks:alpha:MaxPricePerCall \"lots\"");
        error.Message.ShouldContain("Fontana:Networks:alpha:SequencerPublicKey \"zz\" is not a public key");
        error.Message.ShouldContain("Fontana:Networks:beta:Nodes is required");
        error.Message.ShouldContain("Fontana:Networks:beta:WalletPath is required");
        error.Message.ShouldContain("Fontana:Networks:beta:Failover:TopK 0");
        error.Message.ShouldContain("Fontana:DefaultNetwork is required with several networks");
    }

    [Fact]
    public void Validate_NoNetworksOrUnknownDefaultOrSameChainTwice_NamesTheKey()
    {
        var validator = new FontanaNetworksOptionsValidator();
        validator.Validate(null, new FontanaNetworksOptions()).FailureMessage!.ShouldContain("Fontana:Networks:<name> is required");

        var wallet = WalletFile();
        var options = new FontanaNetworksOptions { DefaultNetwork = "fontana:nope" };
        foreach (var name in new[] { "a", "b" })
        {
            options.Networks[name] = new FontanaNetworkOptions { ChainId = "same-net", Nodes = [new() { Url = "http://127.0.0.1:1/" }], WalletPath = wallet };
        }

        var failure = validator.Validate(null, options).FailureMessage!;
        failure.ShouldContain("Fontana:Networks:b:ChainId \"same-net\" is also the chain of network \"a\"");
        failure.ShouldContain("Fontana:DefaultNetwork \"fontana:nope\" names no network");
        Should.Throw<OptionsValidationException>(() => new FontanaNetworkClient(options)).Message.ShouldContain("same-net");
    }

    public void Dispose() => _dir.Dispose();

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private string WalletFile()
    {
        var path = Path.Combine(_dir.Path, "wallet.key");
        if (!File.Exists(path))
        {
            Sdk.Wallet.WalletKeyFile.Create(path).Dispose();
        }

        return path;
    }
}
