using Fontana.Core;
using Fontana.Sdk.Marketplace;

namespace Fontana.Sdk.Tests.Marketplace;

/// <summary>Reading a real provider's discovery document: resources, prices, schemes, networks, search.</summary>
public sealed class FontanaMarketplaceTests
{
    [Fact]
    public async Task GetCatalogAsync_ProviderRoot_ListsEveryPricedRouteWithOffers()
    {
        await using var provider = await CatalogProviderHost.StartAsync();
        using var marketplace = new FontanaMarketplace();

        var catalog = await marketplace.GetCatalogAsync(provider.BaseAddress);

        catalog.Source.AbsolutePath.ShouldBe("/.well-known/x402");
        catalog.X402Version.ShouldBe(2);
        catalog.Provider!.Network.ShouldBe("fontana:" + CatalogProviderHost.ChainId);
        catalog.Resources.Select(r => r.Path).ShouldBe(["/weather/{city}", "/translate", "/quote"]);
        var weather = catalog.Resources[0];
        weather.Methods.ShouldBe(["GET"]);
        weather.Description.ShouldBe("Current weather for a city");
        weather.PriceText.ShouldBe("0.001 TIA");
        weather.Offers.ShouldHaveSingleItem().Price.ShouldBe(Amount.FromUtia(1_000));
        weather.Offers[0].Scheme.ShouldBe("exact");
        weather.Offers[0].PayTo.ShouldBe(catalog.Provider.PayTo);
        weather.LastUpdated.ShouldNotBeNull();
        catalog.Resources[2].DynamicPrice.ShouldBeTrue();
        catalog.Resources[2].Offers.ShouldBeEmpty();
        catalog.Networks.ShouldBe(["fontana:" + CatalogProviderHost.ChainId]);
        catalog.Schemes.ShouldBe(["exact"]);
    }

    [Fact]
    public async Task GetCatalogAsync_MorePagesThanOne_FollowsPagination()
    {
        await using var provider = await CatalogProviderHost.StartAsync(extraRoutes: 230);
        using var marketplace = new FontanaMarketplace();

        var catalog = await marketplace.GetCatalogAsync(provider.BaseAddress);

        catalog.Resources.Count.ShouldBe(233);
        catalog.Resources.Select(r => r.Resource).Distinct().Count().ShouldBe(233);
    }

    [Fact]
    public async Task GetCatalogAsync_MoreResourcesThanTheCap_DiscoveryTooLarge()
    {
        await using var provider = await CatalogProviderHost.StartAsync(extraRoutes: 20);
        using var marketplace = new FontanaMarketplace(options: new MarketplaceOptions { MaxResources = 10 });

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(provider.BaseAddress));

        ex.Code.ShouldBe("discovery-too-large");
        ex.Message.ShouldContain("23 resources");
    }

    [Theory]
    [InlineData("weather", "/weather/{city}")]
    [InlineData("TRANSLATE languages", "/translate")]
    [InlineData("per request", "/quote")]
    public async Task Search_WordsInPathOrDescription_FindsTheResource(string text, string path)
    {
        await using var provider = await CatalogProviderHost.StartAsync();
        using var marketplace = new FontanaMarketplace();
        var catalog = await marketplace.GetCatalogAsync(provider.BaseAddress);

        catalog.Search(text).ShouldHaveSingleItem().Path.ShouldBe(path);
        catalog.Search("nothing-like-this").ShouldBeEmpty();
        catalog.Search(null).Count.ShouldBe(3);
    }

    [Fact]
    public async Task FindByPath_ConcretePath_MatchesTheRouteTemplate()
    {
        await using var provider = await CatalogProviderHost.StartAsync();
        using var marketplace = new FontanaMarketplace();
        var catalog = await marketplace.GetCatalogAsync(provider.BaseAddress);

        catalog.FindByPath("/weather/paris?units=metric").ShouldHaveSingleItem().Path.ShouldBe("/weather/{city}");
        catalog.FindByPath("/weather").ShouldBeEmpty();
        catalog.OnNetwork("fontana:" + CatalogProviderHost.ChainId).Count.ShouldBe(2);
        catalog.OnNetwork("eip155:8453").ShouldBeEmpty();
    }
}
