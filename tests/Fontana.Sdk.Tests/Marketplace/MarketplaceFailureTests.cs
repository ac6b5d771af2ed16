using System.Net;
using System.Net.Sockets;
using Fontana.Sdk.Marketplace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Marketplace;

/// <summary>Discovery answers the SDK must refuse with a code: a test server on real Kestrel writes each bad answer.</summary>
public sealed class MarketplaceFailureTests
{
    /// <summary>The example of x402-specification-v2 §8.1 (coinbase/x402 specs/x402-specification-v2.md), with
    /// <c>lastUpdated</c> as the ISO string @x402/extensions declares for the second item.</summary>
    private const string SpecExample = """
        { "x402Version": 2,
          "items": [
            { "resource": "https://api.example.com/premium-data", "type": "http", "x402Version": 1,
              "accepts": [ { "scheme": "exact", "network": "eip155:84532", "amount": "10000",
                             "asset": "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
                             "payTo": "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "maxTimeoutSeconds": 60,
                             "extra": { "name": "USDC", "version": "2" } } ],
              "lastUpdated": 1703123456,
              "metadata": { "category": "finance", "provider": "Example Corp" } },
            { "resource": "mcp://tools/search", "type": "mcp", "x402Version": 2, "accepts": [],
              "lastUpdated": "2026-01-02T03:04:05Z", "description": "search tool" } ],
          "pagination": { "limit": 10, "offset": 0, "total": 2 } }
        """;

    [Fact]
    public async Task GetDiscoveryResourcesAsync_SpecExample_ReadsEveryField()
    {
        string? query = null;
        await using var server = await ServeAsync("/discovery/resources", context =>
        {
            query = context.Request.QueryString.Value;
            return Results.Text(SpecExample, "application/json");
        });
        using var marketplace = new FontanaMarketplace();

        var catalog = await marketplace.GetDiscoveryResourcesAsync(server.BaseAddress, "http");

        query.ShouldBe("?type=http&limit=100");
        catalog.Provider.ShouldBeNull();
        catalog.Resources.Count.ShouldBe(2);
        var premium = catalog.Resources[0];
        premium.Path.ShouldBe("/premium-data");
        premium.X402Version.ShouldBe(1);
        premium.LastUpdated.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1703123456));
        premium.Offers[0].Network.ShouldBe("eip155:84532");
        premium.Offers[0].AmountText.ShouldBe("10000");
        premium.Offers[0].Price.ShouldBeNull(); // not utia
        premium.Offers[0].MaxTimeoutSeconds.ShouldBe(60);
        premium.Metadata!.Value.GetProperty("category").GetString().ShouldBe("finance");
        catalog.Resources[1].Path.ShouldBe("mcp://tools/search");
        catalog.Resources[1].Description.ShouldBe("search tool");
        catalog.Resources[1].LastUpdated.ShouldBe(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        catalog.Search("premium").ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("{not json", "not JSON")]
    [InlineData("[]", "the document is a JSON array, not an object")]
    [InlineData("""{"x402Version":2}""", "items is missing")]
    [InlineData("""{"x402Version":2,"items":{}}""", "items is a JSON object, not an array")]
    [InlineData("""{"items":[]}""", "x402Version is missing")]
    [InlineData("""{"x402Version":2,"items":[{"type":"http","x402Version":2,"accepts":[]}]}""", "items[0].resource is missing")]
    [InlineData("""{"x402Version":2,"items":[{"resource":"r","type":"http","x402Version":2}]}""", "items[0].accepts is missing")]
    [InlineData("""{"x402Version":2,"items":[{"resource":"r","type":"http","x402Version":2,"accepts":[{"scheme":"exact","amount":"1","asset":"utia","payTo":"p"}]}]}""", "items[0].accepts[0].network is missing")]
    [InlineData("""{"x402Version":2,"items":[{"resource":"r","type":"http","x402Version":2,"accepts":[{"scheme":"exact","network":"n","amount":"-1","asset":"utia","payTo":"p"}]}]}""", "items[0].accepts[0].amount \"-1\" is not a whole number of base units")]
    [InlineData("""{"x402Version":2,"items":[{"resource":5,"type":"http","x402Version":2,"accepts":[]}]}""", "items[0].resource is a JSON number, not a string")]
    [InlineData("""{"x402Version":2,"items":[{"resource":"r","type":"http","x402Version":2,"accepts":[],"lastUpdated":"yesterday"}]}""", "items[0].lastUpdated is neither unix seconds nor an ISO 8601 time")]
    public async Task GetCatalogAsync_MalformedDocument_DiscoveryMalformedNamingTheField(string body, string reason)
    {
        await using var server = await ServeAsync("/.well-known/x402", _ => Results.Text(body, "application/json"));
        using var marketplace = new FontanaMarketplace();

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(server.BaseAddress));

        ex.Code.ShouldBe("discovery-malformed");
        ex.Detail!.ShouldStartWith(reason);
    }

    [Fact]
    public async Task GetCatalogAsync_DeeplyNestedDocument_DiscoveryMalformed()
    {
        var body = """{"x402Version":2,"items":[],"metadata":""" + new string('[', 200) + new string(']', 200) + "}";
        await using var server = await ServeAsync("/.well-known/x402", _ => Results.Text(body, "application/json"));
        using var marketplace = new FontanaMarketplace();

        (await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(server.BaseAddress))).Code.ShouldBe("discovery-malformed");
    }

    [Fact]
    public async Task GetCatalogAsync_ContentLengthOverCap_DiscoveryTooLargeWithoutReadingIt()
    {
        var body = new string(' ', 5000) + """{"x402Version":2,"items":[]}""";
        await using var server = await ServeAsync("/.well-known/x402", _ => Results.Text(body, "application/json"));
        using var marketplace = new FontanaMarketplace(options: new MarketplaceOptions { MaxDocumentBytes = 4096 });

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(server.BaseAddress));

        ex.Code.ShouldBe("discovery-too-large");
        ex.Message.ShouldContain("larger than 4096 bytes (5028 bytes");
    }

    [Fact]
    public async Task GetCatalogAsync_EndlessChunkedBody_DiscoveryTooLargeAfterTheCap()
    {
        await using var server = await ServeAsync("/.well-known/x402", async context =>
        {
            context.Response.ContentType = "application/json";
            var chunk = new byte[8192];
            Array.Fill(chunk, (byte)' ');
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }

            return Results.Empty;
        });
        using var marketplace = new FontanaMarketplace(options: new MarketplaceOptions { MaxDocumentBytes = 100_000 });

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(server.BaseAddress));

        ex.Code.ShouldBe("discovery-too-large");
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/plain")]
    public async Task GetCatalogAsync_NotJson_DiscoveryContentType(string contentType)
    {
        await using var server = await ServeAsync("/.well-known/x402", _ => Results.Text("""{"x402Version":2,"items":[]}""", contentType));
        using var marketplace = new FontanaMarketplace();

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(server.BaseAddress));

        ex.Code.ShouldBe("discovery-content-type");
        ex.Message.ShouldContain(contentType);
    }

    [Fact]
    public async Task GetCatalogAsync_NoDiscoveryRoute_DiscoveryFailedWithStatusAndHint()
    {
        await using var server = await ServeAsync("/elsewhere", _ => Results.Ok());
        using var marketplace = new FontanaMarketplace();

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(server.BaseAddress));

        ex.Code.ShouldBe("discovery-failed");
        ex.Status.ShouldBe(404);
        ex.Message.ShouldContain("MapX402Discovery");
    }

    [Fact]
    public async Task GetCatalogAsync_NothingListening_DiscoveryUnreachable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var marketplace = new FontanaMarketplace();

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(new Uri($"http://127.0.0.1:{port}/")));

        ex.Code.ShouldBe("discovery-unreachable");
    }

    [Fact]
    public async Task GetCatalogAsync_ServerNeverAnswers_DiscoveryUnreachableAfterTheTimeout()
    {
        // The one case that tests the timeout: this server truly hangs until the client gives up.
        await using var server = await ServeAsync("/.well-known/x402", async context =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
            return Results.Empty;
        });
        using var marketplace = new FontanaMarketplace(options: new MarketplaceOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var ex = await Should.ThrowAsync<MarketplaceException>(() => marketplace.GetCatalogAsync(server.BaseAddress));

        ex.Code.ShouldBe("discovery-unreachable");
        ex.Message.ShouldContain("did not answer");
    }

    private static Task<KestrelHost> ServeAsync(string path, Func<HttpContext, Task<IResult>> answer) =>
        KestrelHost.StartAsync(new Dictionary<string, string?>(), _ => { }, app => app.MapGet(path, answer));

    private static Task<KestrelHost> ServeAsync(string path, Func<HttpContext, IResult> answer) =>
        KestrelHost.StartAsync(new Dictionary<string, string?>(), _ => { }, app => app.MapGet(path, answer));
}
